/**
 * Fills Teams Toolkit `${{VAR}}` placeholders in parsed JSON. Working on the
 * parsed value rather than the text means a value containing quotes or
 * backslashes can never break the JSON.
 */
import type { EnvVars } from "./env-file";

/** Matches one `${{ NAME }}` placeholder. */
export const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Variables that may legitimately be empty (e.g. no name suffix in production). */
export const DEFAULT_ALLOW_EMPTY: readonly string[] = ["APP_NAME_SUFFIX"];

/** Thrown when placeholders remain unfilled; lists every missing name once. */
export class MissingVariablesError extends Error {
  constructor(
    readonly missing: readonly string[],
    readonly source: string,
  ) {
    super(`Unfilled placeholders in ${source}: ${missing.map((m) => "${{" + m + "}}").join(", ")}`);
    this.name = "MissingVariablesError";
  }
}

/** Lists placeholder names used anywhere in a string, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * Returns a deep copy of `value` with every placeholder in every string
 * replaced. A variable that is undefined, or empty and not in `allowEmpty`,
 * is reported — all of them at once, so one run shows everything to fix.
 */
export function fillPlaceholders<T>(
  value: T,
  vars: EnvVars,
  source: string,
  allowEmpty: readonly string[] = DEFAULT_ALLOW_EMPTY,
): T {
  const missing = new Set<string>();
  const fill = (v: unknown): unknown => {
    if (typeof v === "string") {
      return v.replace(PLACEHOLDER, (whole, name: string) => {
        const found = vars[name];
        if (found === undefined || (found === "" && !allowEmpty.includes(name))) {
          missing.add(name);
          return whole;
        }
        return found;
      });
    }
    if (Array.isArray(v)) return v.map(fill);
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, fill(inner)]));
    }
    return v;
  };
  const result = fill(value) as T;
  if (missing.size > 0) throw new MissingVariablesError([...missing].sort(), source);
  return result;
}
