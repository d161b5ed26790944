/**
 * Cleaning of user-typed text before it is validated or stored. Card submissions are untrusted:
 * control characters (which break tables keys, CSV, calendar files and screen readers) and
 * bidirectional overrides (which can disguise text) are removed rather than rejected, so a
 * pasted invisible character never blocks a form.
 */

const CONTROL = /[\u0000-\u0008\v\f\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Longer input is cut to this many characters before any pattern runs: far above every field's
 * limit (which the validators after cleaning still report as "too long"), and it bounds the work
 * a hostile card submit can cause.
 */
export const MAX_RAW_TEXT = 70_000;

// A high surrogate without its low half, or a low one without its high half (invalid UTF-16).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cut to {@link MAX_RAW_TEXT}; lone surrogates (from broken clients) become U+FFFD. */
const bounded = (value: string) =>
  (value.length > MAX_RAW_TEXT ? value.slice(0, MAX_RAW_TEXT) : value).replace(LONE_SURROGATE, "\ufffd");

/** One-line text: controls removed, any line breaks and tabs become single spaces, trimmed. */
export function cleanLine(value: unknown): string {
  if (typeof value !== "string") return "";
  return bounded(value).replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

/** Multi-line text: controls removed, CRLF normalised, trailing spaces and blank runs trimmed. */
export function cleanMultiline(value: unknown): string {
  if (typeof value !== "string") return "";
  return (
    bounded(value)
      .replace(/\r\n?/g, "\n")
      .replace(/\t/g, " ")
      .replace(CONTROL, "")
      .split("\n")
      // trimEnd, not /\s+$/: the regex retries from every space of a long run (quadratic).
      .map((l) => l.trimEnd())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}
