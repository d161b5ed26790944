import { DeliveryError } from "./delivery-error";

/** What the logic of a proactive turn returned or threw. */
export type TurnOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` inside a turn and keeps what it returned or threw: the adapter routes errors thrown
 * in a turn's logic to onTurnError and resolves, so the caller would never see them.
 */
export async function captureOutcome<T>(fn: () => Promise<T>): Promise<TurnOutcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The turn's value, or its error thrown to the caller. No outcome means the adapter never ran
 * the logic: a {@link DeliveryError} of `operation` with no attempt made.
 */
export function settleOutcome<T>(outcome: TurnOutcome<T> | undefined, operation: string): T {
  if (!outcome) throw new DeliveryError(operation, undefined, 0);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
