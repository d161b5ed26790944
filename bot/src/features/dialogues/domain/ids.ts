import { createHash } from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Shape of dialogue ids we mint ("d-" + 8 unambiguous characters): short enough to type after `post`. */
export const DIALOGUE_ID_PATTERN = /^d-[a-z2-9]{8}$/;

/**
 * Derives a dialogue id from who submitted the form and the form's one-time nonce, so a
 * retried or double-clicked submission maps to the same id and is created once. `attempt`
 * moves to a fresh id in the (rare) case of a collision with someone else's dialogue.
 */
export function dialogueIdFor(tenantId: string, userId: string, nonce: string, attempt = 0): string {
  const digest = createHash("sha256").update(`${tenantId}\n${userId}\n${nonce}\n${attempt}`).digest();
  let id = "d-";
  for (let i = 0; i < 8; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
  return id;
}

/** True for strings shaped like ids we mint (cheap rejection of forged input before any read). */
export function isDialogueId(value: unknown): value is string {
  return typeof value === "string" && DIALOGUE_ID_PATTERN.test(value);
}

/** Nonces are minted by us (UUIDs) into card data; anything else is rejected. */
export function isNonce(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f-]{16,40}$/i.test(value);
}

/**
 * User keys of people who registered on the public page (no Teams account): "ext-" + 26
 * base32 characters. AAD object ids are GUIDs, so the two can never collide, and the key is
 * not derived from the e-mail address.
 */
export const EXTERNAL_USER_PATTERN = /^ext-[a-z2-7]{26}$/;

/** True for user keys minted for public registrants. */
export function isExternalUserId(value: unknown): value is string {
  return typeof value === "string" && EXTERNAL_USER_PATTERN.test(value);
}

/** The audience of a dialogue (older rows have none: the tenant). */
export const audienceOf = (d: { audience?: string }) => d.audience ?? "tenant";
