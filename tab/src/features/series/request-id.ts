/**
 * A random id for one coordinator click (announce, remind). Sent with the request and reused when
 * the same action is tried again after a failure, so the server sends its messages once.
 * (`randomUUID` needs a secure context; `getRandomValues` does not.)
 */
export const newRequestId = (): string =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
