import { createHash } from "node:crypto";

/** Nonces are minted by us (UUIDs) into a form card's data; anything else is not one. */
export function isCardNonce(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f-]{16,40}$/i.test(value);
}

/**
 * A coordinator's request id (the card's nonce, the tab's id of one click, reused on its retry):
 * a UUID-like token. Keys the announcement or reminder it asks for, so a retry repeats nothing.
 */
export function isRequestId(value: unknown): value is string {
  return typeof value === "string" && /^[a-z0-9-]{8,64}$/i.test(value);
}

/**
 * The id of what one form card creates, derived from who submitted it, the card's one-time
 * nonce and `attempt`: a second submit of the same card maps to the same id, so the store's
 * conditional insert recognises it instead of creating a second row. A new attempt moves on
 * in the (rare) case that the id is already someone else's.
 */
export function idForCard(prefix: string, parts: readonly string[], nonce: string, attempt = 0): string {
  const digest = createHash("sha256")
    .update([...parts, nonce, String(attempt)].join("\n"))
    .digest("hex");
  return `${prefix}-${digest.slice(0, 12)}`;
}

/** Different ids tried for one card before giving up (a collision is astronomically rare). */
export const CARD_ID_ATTEMPTS = 3;
