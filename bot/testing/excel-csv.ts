/**
 * Splits a CSV file the way Excel opens it in a given locale: Finnish and Swedish Excel split on
 * `;` (the list separator of fi-FI/sv-FI), English on `,`. A field is quoted only when its first
 * character is `"`; inside, `""` is a quote, and after the closing quote the rest up to the next
 * separator is taken literally. A quote in the middle of an unquoted field is just a character —
 * which is why a `,`-file's quoting does not protect it in Finnish Excel.
 */
export function splitLikeExcel(file: string, separator: "," | ";"): string[][] {
  const text = file.replace(/^\ufeff/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endRow = () => {
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    }
    while (i < text.length && text[i] !== separator && text[i] !== "\r" && text[i] !== "\n")
      cell += text[i++];
    row.push(cell);
    if (text[i] === separator) {
      i++;
      if (i >= text.length) row.push("");
      continue;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    endRow();
  }
  if (row.length) endRow();
  return rows;
}

/** Cells Excel would evaluate as a formula (first character = + - @, tab or carriage return). */
export function formulaCells(rows: string[][]): string[] {
  return rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));
}
