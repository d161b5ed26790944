import type { Env } from "./env-schema";

/** Default retention: a year after a dialogue's end is enough for its summary and follow-up. */
export const DEFAULT_DIALOGUE_RETENTION_DAYS = 365;
/** Bounds of `DIALOGUE_RETENTION_DAYS` (a shorter period would erase before summaries are done). */
export const DIALOGUE_RETENTION_RANGE = { min: 30, max: 3650 } as const;

/**
 * Days after a dialogue's end until its personal data is erased automatically
 * (`DIALOGUE_RETENTION_DAYS`); `undefined` only when the variable says `off` explicitly —
 * an unset or empty variable keeps the default, so retention cannot be lost by accident.
 */
export function dialogueRetentionDays(e: Env): number | undefined {
  const v = e.DIALOGUE_RETENTION_DAYS;
  if (v === "off") return undefined;
  return v ?? DEFAULT_DIALOGUE_RETENTION_DAYS;
}
