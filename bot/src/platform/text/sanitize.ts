/**
 * Cleaning of user-typed text before it is validated or stored. Card submissions are untrusted:
 * control characters (which break tables keys, CSV, calendar files and screen readers) and
 * bidirectional overrides (which can disguise text) are removed rather than rejected, so a
 * pasted invisible character never blocks a form.
 */

const CONTROL =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** One-line text: controls removed, any line breaks and tabs become single spaces, trimmed. */
export function cleanLine(value: unknown): string {
  if (typeof value !== "string") return "";
  return value.replace(CONTROL, "").replace(/\s+/g, " ").trim();
}

/** Multi-line text: controls removed, CRLF normalised, trailing spaces and blank runs trimmed. */
export function cleanMultiline(value: unknown): string {
  if (typeof value !== "string") return "";
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(CONTROL, "")
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
