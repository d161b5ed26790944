/**
 * RFC 4180 CSV with protection against formula injection: a cell a spreadsheet would evaluate
 * (starting with = + - @, tab or carriage return) is prefixed with an apostrophe, per OWASP.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, quoted when it contains a comma, quote or line break. */
export function csvCell(value: string | number | boolean | undefined | null): string {
  let s = value === undefined || value === null ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to a CSV document with CRLF line ends (RFC 4180) and a UTF-8 BOM so Excel reads ä/ö/å. */
export function toCsv(rows: readonly (readonly (string | number | boolean | undefined | null)[])[]): string {
  return "\ufeff" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
