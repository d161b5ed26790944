/**
 * Characters refused in directory text. Unlike chat input (which is cleaned silently), directory
 * entries are a public record that is exported to CSV and shown to every reader, so invisible or
 * text-disguising characters are rejected with a field message rather than removed behind the
 * author's back.
 */

/** C0/C1 controls except tab and line feed (allowed in multi-line text only). */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const CONTROL_LINE = /[\u0000-\u001f\u007f-\u009f]/;
/** Zero-width characters, word joiner, BOM and bidirectional overrides/isolates. */
const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u00ad]/;
/** Characters Azure Tables refuses in PartitionKey/RowKey. */
const KEY_ILLEGAL = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

/** True when one-line text contains a control or invisible character. */
export function hasIllegalLineChars(value: string): boolean {
  return CONTROL_LINE.test(value) || INVISIBLE.test(value);
}

/** True when multi-line text contains a control (other than tab, CR, LF) or invisible character. */
export function hasIllegalTextChars(value: string): boolean {
  return CONTROL_MULTILINE.test(value.replace(/\r\n/g, "\n")) || INVISIBLE.test(value);
}

/** True when the value cannot be a table key (`/ \ # ?` or control characters). */
export function hasKeyIllegalChars(value: string): boolean {
  return KEY_ILLEGAL.test(value) || INVISIBLE.test(value);
}

/** Trailing spaces and tabs removed by a scan: `/[ \t]+$/` is quadratic on a long run of spaces. */
function trimSpacesEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Canonical stored form: NFC, CRLF → LF, trailing spaces trimmed per line, outer whitespace trimmed. */
export function tidyText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").split("\n").map(trimSpacesEnd).join("\n").trim();
}

/** Canonical one-line form: NFC, inner whitespace runs collapsed, trimmed. */
export function tidyLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}
