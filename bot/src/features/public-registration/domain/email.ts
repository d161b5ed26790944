/**
 * E-mail addresses as the public page accepts them. Normalisation is what makes "one active
 * registration per address" hold: case, Unicode form and surrounding spaces do not create a
 * second identity. Sub-addressing (`+tag`) and dots are kept: they are distinct mailboxes at
 * many providers, and folding them would lock people out of their own address.
 */

/** The longest address SMTP allows. */
export const MAX_EMAIL_LENGTH = 254;

/** Lower-cased, NFC-normalised and trimmed. */
export function normaliseEmail(value: string): string {
  return value.normalize("NFC").trim().toLowerCase();
}

/** A deliberately simple shape check (the confirmation mail is the real test). */
export function isEmail(value: string): boolean {
  if (value.length > MAX_EMAIL_LENGTH) return false;
  return /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\].]{2,}$/u.test(value);
}
