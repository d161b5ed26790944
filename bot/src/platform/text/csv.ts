/**
 * RFC 4180 CSV with protection against formula injection (OWASP "CSV injection"): a cell a
 * spreadsheet would evaluate is prefixed with an apostrophe, which Excel shows as text.
 *
 * Finnish and Swedish Excel split a `.csv` on `;`, not `,`, and honour quotes only at the start of
 * a field: a comma-file's quoted `"Virtanen;=HYPERLINK(…)"` is cut at the `;` and the second half
 * becomes a formula cell. So a formula character is neutralised not only at the start of a value
 * but after every character any reader may split on (`,` `;` tab, line breaks — and quotes there),
 * and a value holding either separator is quoted.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
/** A split point (with any quotes a splitter would strip) followed by a formula character. */
const FORMULA_AFTER_SPLIT = /([,;\t\r\n]"*)(?=[=+\-@\t\r])/g;

/** Field separators: `,` (RFC 4180) or `;` (Excel in the Finnish and Swedish locales). */
export type CsvSeparator = "," | ";";

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Default `,`. */
  separator?: CsvSeparator;
}

/** One cell: neutralised, quoted when it contains a separator, quote or line break. */
export function csvCell(value: string | number | boolean | undefined | null): string {
  let s = value === undefined || value === null ? "" : String(value);
  if (typeof value === "string") {
    s = s.replace(FORMULA_AFTER_SPLIT, "$1'");
    if (FORMULA_START.test(s)) s = "'" + s;
  }
  return /[",;\r\n\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to a CSV document with CRLF line ends (RFC 4180) and a UTF-8 BOM so Excel reads ä/ö/å. */
export function toCsv(
  rows: readonly (readonly (string | number | boolean | undefined | null)[])[],
  options: CsvOptions = {},
): string {
  const separator = options.separator ?? ",";
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(separator)).join("\r\n") + "\r\n";
}
