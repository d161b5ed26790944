import { CardInputError } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { RoundError } from "./errors";
import type { Caller } from "./run-service";
import { roundsT } from "./texts";

/** The caller from the authenticated activity (card data never names the user). */
export function callerOf(env: TurnEnv): Caller & { userId: string } {
  if (!env.userId || !env.tenantId) throw new RoundError("forbidden");
  return { userId: env.userId, tenantId: env.tenantId };
}

/** A small positive integer from card data (Teams sends numbers or digit strings). */
export function intField(env: TurnEnv, data: Record<string, unknown>, name: string, max = 9999): number {
  const v = data[name];
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,6}$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new CardInputError(roundsT(env.lang)("badData"));
  return n;
}

/** A string field from card data, "" when absent; wrong types are a card error. */
export function textField(env: TurnEnv, data: Record<string, unknown>, name: string): string {
  const v = data[name];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw new CardInputError(roundsT(env.lang)("badData"));
  return v;
}
