import { createHmac, timingSafeEqual } from "node:crypto";

/** The link-signing keys: links are signed with `current`; `previous` still verifies (rotation). */
export interface LinkKeys {
  current: string;
  /** The key before the last rotation (LINK_SIGNING_SECRET_PREVIOUS), if any. */
  previous?: string;
}

/**
 * HMAC-SHA256 for capability links, with key rotation: everything is signed with the current
 * key, and a signature or handle made with the current or the previous key is accepted, so
 * rotating the secret (the old one becomes the previous) breaks no link that is out there.
 */
export interface LinkSigner {
  sign(data: string): string;
  /** True when `token` is `data` signed with the current or the previous key. */
  verify(data: string, token: string): boolean;
  /** An opaque handle for `data` (e.g. a user id): the current key's MAC cut to `length`. */
  handle(data: string, length: number): string;
  /** True when `handle` is `data`'s handle under the current or the previous key. */
  isHandle(data: string, length: number, handle: string): boolean;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Builds the signer over the current (and previous) key. */
export function createLinkSigner(keys: LinkKeys): LinkSigner {
  const all =
    keys.previous && keys.previous !== keys.current ? [keys.current, keys.previous] : [keys.current];
  const mac = (key: string, data: string) => createHmac("sha256", key).update(data).digest("base64url");
  return {
    sign: (data) => mac(keys.current, data),
    // Every key is tried (no early exit on the first), so timing tells nothing about which one.
    verify: (data, token) => all.map((k) => same(mac(k, data), token)).includes(true),
    handle: (data, length) => mac(keys.current, data).slice(0, length),
    isHandle: (data, length, handle) =>
      all.map((k) => same(mac(k, data).slice(0, length), handle)).includes(true),
  };
}
