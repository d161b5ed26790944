import {
  ATTRIBUTE_KEYS,
  type AttributeKey,
  type AttributePolicy,
  type GroupingMode,
  type GroupingOptions,
  type GroupingWarning,
  type ResolvedGroupingOptions,
} from "./types";
import { warn } from "./warnings";

/** Default sizes per mode (DESIGN §1: remote 3–8, in person 6–25); targets are what dialogues use in practice. */
export const DEFAULT_SIZES: Record<GroupingMode, { minSize: number; maxSize: number; targetSize: number }> = {
  remote: { minSize: 3, maxSize: 8, targetSize: 5 },
  inPerson: { minSize: 6, maxSize: 25, targetSize: 8 },
};

/** Default policies: people talk in their own language and meet other organisations and backgrounds. */
export const DEFAULT_POLICIES: Record<AttributeKey, AttributePolicy> = {
  attendance: "ignore",
  org: "diversify",
  background: "diversify",
  language: "cluster",
  accessibility: "ignore",
};

/** Rounds beyond this are surely a typo and would only cost time. */
export const MAX_ROUNDS = 50;

const POLICY_VALUES: readonly AttributePolicy[] = ["diversify", "cluster", "ignore"];
const isPositiveInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1;

/** Fills defaults and repairs bad values, explaining each repair as a warning (never throws). */
export function resolveOptions(options: Partial<GroupingOptions> | undefined): {
  options: ResolvedGroupingOptions;
  warnings: GroupingWarning[];
} {
  const o = options ?? {};
  const warnings: GroupingWarning[] = [];
  const defaults = DEFAULT_SIZES[o.mode === "inPerson" ? "inPerson" : "remote"];

  const size = (field: "minSize" | "maxSize", value: unknown): number => {
    if (value === undefined) return defaults[field];
    if (isPositiveInt(value)) return value;
    warnings.push(warn("invalidSize", { field, value: defaults[field] }));
    return defaults[field];
  };
  let minSize = size("minSize", o.minSize);
  let maxSize = size("maxSize", o.maxSize);
  if (minSize > maxSize) {
    warnings.push(warn("minGreaterThanMax", { minSize, maxSize }));
    [minSize, maxSize] = [maxSize, minSize];
  }

  const clamp = (v: number) => Math.min(maxSize, Math.max(minSize, v));
  let targetSize = clamp(defaults.targetSize);
  if (o.targetSize !== undefined) {
    const t = isPositiveInt(o.targetSize) ? clamp(o.targetSize) : targetSize;
    if (t !== o.targetSize) {
      warnings.push(
        warn("targetOutOfRange", { targetSize: String(o.targetSize), minSize, maxSize, value: t }),
      );
    }
    targetSize = t;
  }

  const roundsOk = isPositiveInt(o.rounds) && o.rounds <= MAX_ROUNDS;
  const rounds = roundsOk ? (o.rounds as number) : isPositiveInt(o.rounds) ? MAX_ROUNDS : 1;
  if (!roundsOk) warnings.push(warn("invalidRounds", { value: rounds }));

  const seed = typeof o.seed === "number" && Number.isFinite(o.seed) ? Math.trunc(o.seed) >>> 0 : 0;

  const policies = { ...DEFAULT_POLICIES };
  for (const key of ATTRIBUTE_KEYS) {
    const p = o.policies?.[key];
    if (p !== undefined && POLICY_VALUES.includes(p)) policies[key] = p;
  }
  return { options: { minSize, maxSize, targetSize, rounds, seed, policies }, warnings };
}

/**
 * Balanced sizes (differing by at most one) for `count` people: the group count closest to the
 * target that keeps every size within min–max; when none does, max wins (a room has a ceiling)
 * and `outOfRange` says so.
 */
export function balancedSizes(
  count: number,
  minSize: number,
  maxSize: number,
  targetSize: number,
): { sizes: number[]; outOfRange: boolean } {
  if (count <= 0) return { sizes: [], outOfRange: false };
  const fewest = Math.ceil(count / maxSize);
  const most = Math.floor(count / minSize);
  let groups: number;
  let outOfRange = false;
  if (fewest <= most) groups = Math.min(most, Math.max(fewest, Math.round(count / targetSize)));
  else {
    groups = Math.max(1, fewest);
    outOfRange = true;
  }
  const base = Math.floor(count / groups);
  const extra = count % groups;
  return { sizes: Array.from({ length: groups }, (_, g) => base + (g < extra ? 1 : 0)), outOfRange };
}
