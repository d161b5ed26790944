import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Everything the public page signs or keys with the app's public-registration secret:
 * - the form's issue time (the time check: too fast or too old is refused);
 * - confirm links (one pending registration, until it expires);
 * - manage links (one external person's registration, until 30 days after the dialogue);
 * - the e-mail key: an HMAC of the normalised address, so table keys never contain addresses;
 * - the user key of a confirmed person: derived from their pending id, so a repeated confirm
 *   registers the same key (idempotent) and the key reveals nothing about the address.
 */
export interface Tokens {
  formToken(dialogueId: string, issuedAt: number): string;
  /** Age of a valid form token in ms at `now`, or undefined when forged. */
  formAge(dialogueId: string, token: string, now: number): number | undefined;
  confirmQuery(dialogueId: string, pendingId: string, expires: number): URLSearchParams;
  /** The pending id of a valid confirm link (expired ones too: the caller tells them apart). */
  verifyConfirm(
    dialogueId: string,
    q: Record<string, string>,
  ): { pendingId: string; expires: number } | undefined;
  manageQuery(dialogueId: string, userKey: string, expires: number): URLSearchParams;
  verifyManage(
    dialogueId: string,
    q: Record<string, string>,
  ): { userKey: string; expires: number } | undefined;
  /** An organiser's "confirm my address" link (one pending confirmation, until it expires). */
  organiserQuery(dialogueId: string, nonce: string, expires: number): URLSearchParams;
  verifyOrganiser(
    dialogueId: string,
    q: Record<string, string>,
  ): { nonce: string; expires: number } | undefined;
  emailKey(normalisedEmail: string): string;
  userKeyFor(dialogueId: string, pendingId: string): string;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const base32 = (buf: Buffer, length: number) => {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[buf[i]! % 32];
  return out;
};

/** Builds the signer over `secret` (config.publicRegistration.secret). */
export function createTokens(secret: string): Tokens {
  const mac = (parts: string[]) =>
    createHmac("sha256", secret)
      .update(["public-registration", ...parts].join("\n"))
      .digest();
  const sign = (parts: string[]) => mac(parts).toString("base64url");
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  const num = (s: string | undefined) => (s && /^\d{1,15}$/.test(s) ? Number(s) : undefined);
  return {
    formToken: (id, at) => `${at}.${sign(["form", id, String(at)])}`,
    formAge(id, token, now) {
      const [at, t = ""] = token.split(".");
      const issued = num(at);
      if (issued === undefined || !same(sign(["form", id, String(issued)]), t)) return undefined;
      return now - issued;
    },
    confirmQuery: (id, p, e) =>
      new URLSearchParams({ p, e: String(e), t: sign(["confirm", id, p, String(e)]) }),
    verifyConfirm(id, q) {
      const e = num(q.e);
      if (!q.p || !/^[0-9a-f]{32}$/.test(q.p) || e === undefined) return undefined;
      return same(sign(["confirm", id, q.p, String(e)]), q.t ?? "")
        ? { pendingId: q.p, expires: e }
        : undefined;
    },
    manageQuery: (id, u, e) =>
      new URLSearchParams({ u, e: String(e), t: sign(["manage", id, u, String(e)]) }),
    verifyManage(id, q) {
      const e = num(q.e);
      if (!q.u || !/^ext-[a-z2-7]{26}$/.test(q.u) || e === undefined) return undefined;
      return same(sign(["manage", id, q.u, String(e)]), q.t ?? "") ? { userKey: q.u, expires: e } : undefined;
    },
    organiserQuery: (id, n, e) =>
      new URLSearchParams({ n, e: String(e), t: sign(["organiser", id, n, String(e)]) }),
    verifyOrganiser(id, q) {
      const e = num(q.e);
      if (!q.n || !/^[0-9a-f]{32}$/.test(q.n) || e === undefined) return undefined;
      return same(sign(["organiser", id, q.n, String(e)]), q.t ?? "")
        ? { nonce: q.n, expires: e }
        : undefined;
    },
    emailKey: (email) => sign(["email", email]),
    userKeyFor: (id, p) => `ext-${base32(mac(["user", id, p]), 26)}`,
  };
}
