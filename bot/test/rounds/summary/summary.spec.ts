import assert from "node:assert/strict";
import JSZip from "jszip";
import {
  buildSummary,
  SUMMARY_HEADINGS,
  toCsv,
  toDocx,
  toMarkdown,
  type HeadingsLanguage,
} from "../../../src/features/rounds/domain/summary";
import { summaryCard } from "../../../src/features/rounds/cards/summary-card";
import { textOf } from "../../dialogues/conversation-helpers";
import { fixture, NAMES } from "./fixture";

async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return zip.file("word/document.xml")!.async("string");
}

/** Names found in a text (case-insensitive substring: stricter than whole words). */
const namesIn = (text: string) =>
  NAMES.filter((n) => text.toLocaleLowerCase("fi").includes(n.toLocaleLowerCase("fi")));

describe("summary", () => {
  const summary = buildSummary(fixture());

  it("counts participants, groups, rounds, organisations (normalised) and languages", () => {
    // Two groups in each of two rounds are two groups, not four (issue #27 item 16).
    assert.deepEqual(summary.counts, {
      participants: 4,
      groups: 2,
      rounds: 2,
      organisations: 2,
      languages: 2,
      notes: 4,
    });
    assert.deepEqual(summary.languages, ["fi", "sv"]);
    assert.equal(summary.dialogue.date, "2024-03-25");
  });

  it("counts themes per group, normalised, by frequency then alphabetically", () => {
    assert.deepEqual(summary.themes, [
      { theme: "Luottamus", groups: 3 }, // r1g1, r1g2, r2g1 (twice in r2g1 counts once)
      { theme: "Osallisuus", groups: 2 },
      { theme: "+SUM(A1)", groups: 1 },
      { theme: "avoimuus", groups: 1 },
    ]);
  });

  it("orders notes by round, group and time, and collects insights", () => {
    assert.deepEqual(
      summary.rounds.map((r) => [r.index, r.title, r.groups.map((g) => [g.number, g.notes.length])]),
      [
        [
          1,
          "Omat kokemukset",
          [
            [1, 1],
            [2, 1],
          ],
        ],
        [
          2,
          "Syvennetään",
          [
            [1, 2],
            [2, 0],
          ],
        ],
      ],
    );
    assert.match(summary.rounds[1]!.groups[0]!.notes[0]!.text, /^Toinen/);
    assert.deepEqual(
      summary.insights.map((i) => [i.round, i.group]),
      [
        [1, 1],
        [2, 1],
      ],
    );
  });

  it("masks names (also inflected), e-mail and phone in the model", () => {
    const input = JSON.stringify(fixture());
    assert.equal(namesIn(input).length, NAMES.length, "the fixture does mention everyone");
    assert.deepEqual(namesIn(JSON.stringify(summary)), []);
    assert.equal(summary.dialogue.title, "Luottamus hallintoon – [nimi] vetämä dialogi");
    assert.equal(summary.insights[0]!.text, "[nimi] ehdotus: soita [puhelin] tai [sähköposti]");
  });

  for (const lang of ["fi", "sv", "en"] as HeadingsLanguage[]) {
    it(`no registrant name in Markdown, CSV or Word output; headings in ${lang}`, async () => {
      const h = SUMMARY_HEADINGS[lang];
      const md = toMarkdown(summary, lang);
      const csv = toCsv(summary);
      const xml = await docxText(await toDocx(summary, lang));
      for (const [kind, text] of [
        ["md", md],
        ["csv", csv],
        ["docx", xml],
      ] as const) {
        assert.deepEqual(namesIn(text), [], kind);
      }
      for (const heading of [
        h.inNumbers,
        h.themes,
        h.notesByRound,
        h.insights,
        h.groundRulesVersions.current4!,
      ]) {
        assert.ok(md.includes(heading), `md lacks ${heading}`);
        assert.ok(xml.includes(heading), `docx lacks ${heading}`);
      }
      assert.ok(md.includes(`## ${h.themes}`));
      assert.ok(md.includes(`- ${h.participants}: 4`));
      assert.ok(xml.includes(`Luottamus (${h.groupCount(3)})`));
      // One group is singular, and the date is written the language's way (issue #27 item 16).
      assert.ok(md.includes(`avoimuus (${h.groupCount(1)})`), md);
      assert.match(h.groupCount(1), /^1 (ryhmä|grupp|group)$/);
      assert.ok(md.includes({ fi: "25.3.2024", sv: "25.3.2024", en: "25 March 2024" }[lang]), md);
      assert.ok(!md.includes("2024-03-25"));
      // Languages in words on the card and in both downloads, not as codes (#27 walkthrough).
      const words = { fi: "2 (suomi, ruotsi)", sv: "2 (finska, svenska)", en: "2 (Finnish, Swedish)" }[lang];
      assert.ok(md.includes(`- ${h.languages}: ${words}`), md);
      assert.ok(xml.includes(`${h.languages}: ${words}`));
      assert.match(
        textOf(summaryCard(lang, summary, () => undefined)),
        new RegExp(`\\b${words.replace(/[()]/g, "\\$&")}`),
      );
      // Headings of the other languages are absent.
      for (const other of (["fi", "sv", "en"] as const).filter((l) => l !== lang))
        assert.ok(!md.includes(`## ${SUMMARY_HEADINGS[other].notesByRound}`));
    });
  }

  it("states which ground-rules texts the participants accepted (md, docx, csv; non-participants not counted)", async () => {
    const input = fixture();
    const versions = [
      "current4/fi/3f2a9c1b",
      "current4/fi/3f2a9c1b",
      "current4/sv/77aa01bc",
      undefined,
      "x/y/z",
    ];
    input.registrants.forEach((r, i) => (r.groundRulesVersion = versions[i]));
    const accepted = buildSummary(input);
    // u5 (x/y/z) registered but was in no group: not counted; u4 has no version (older row).
    assert.deepEqual(accepted.groundRulesAccepted, [
      { version: "current4/fi/3f2a9c1b", count: 2 },
      { version: "current4/sv/77aa01bc", count: 1 },
    ]);
    // In words for readers: no text-version hash (issue #27 item 16); the CSV keeps it for the records.
    assert.match(
      toMarkdown(accepted, "en"),
      /Ground rules accepted: current 4 ground rules, Finnish: 2; current 4 ground rules, Swedish: 1/,
    );
    assert.doesNotMatch(toMarkdown(accepted, "fi"), /3f2a9c1b/);
    assert.match(await docxText(await toDocx(accepted, "sv")), /Godkända spelregler: /);
    assert.match(await docxText(await toDocx(accepted, "sv")), /finska: 2/);
    assert.doesNotMatch(await docxText(await toDocx(accepted, "sv")), /3f2a9c1b/);
    const csvLine = toCsv(accepted).split("\r\n")[1]!;
    // Quoted: a ';' inside a cell would split it in Finnish Excel (#26.6).
    assert.ok(csvLine.endsWith(',"current4/fi/3f2a9c1b: 2; current4/sv/77aa01bc: 1"'), csvLine);
    assert.deepEqual(buildSummary(fixture()).groundRulesAccepted, []);
    assert.doesNotMatch(toMarkdown(buildSummary(fixture()), "fi"), /Hyväksytyt pelisäännöt/);
  });

  it("CSV: RFC 4180 quoting and formula injection neutralised", () => {
    const csv = toCsv(summary);
    assert.ok(
      csv.startsWith("\ufeffround,round_title,group,saved_at,themes,note,insights,ground_rules_accepted\r\n"),
    );
    const lines = csv.slice(1).split("\r\n");
    // The HYPERLINK note: quoted (it has quotes and a comma) and prefixed with an apostrophe.
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""klikkaa"")"`), csv);
    assert.ok(csv.includes(`'@cmd|' /C calc'!A0`));
    assert.ok(csv.includes(`'-2+3 [nimi] ja [nimi] kiitos`));
    // Multi-line note text stays in one quoted cell.
    assert.ok(
      csv.includes(
        `"[nimi] mielestä luottamus syntyy avoimuudesta.\n[nimi] tärkeintä oli kuulluksi tuleminen."`,
      ),
    );
    // No cell starts with a formula character unless neutralised.
    for (const cell of lines.flatMap((l) => l.split(","))) assert.doesNotMatch(cell, /^"?[=+\-@]/);
  });

  it("Markdown escapes markup in notes", () => {
    const md = toMarkdown(
      buildSummary({
        ...fixture(),
        notes: [
          {
            round: 1,
            group: 1,
            text: "# not a heading\n- not a list <script>",
            themes: ["*x*"],
            savedAt: "",
          },
        ],
      }),
      "en",
    );
    assert.ok(md.includes("\\# not a heading  \n\\- not a list \\<script\\>"), md);
    assert.ok(md.includes("- \\*x\\* (1 group)"));
  });

  it("Word output is a valid document even with control characters in a note", async () => {
    const s = buildSummary({
      ...fixture(),
      notes: [{ round: 1, group: 1, text: "a\u0001b\u000Bc", themes: [], savedAt: "2024-01-01T00:00:00Z" }],
    });
    const xml = await docxText(await toDocx(s, "fi"));
    assert.ok(xml.includes("abc"));
    assert.ok(xml.includes(SUMMARY_HEADINGS.fi.noNotes));
  });

  it("with no groups formed, participants are the registrants", () => {
    const s = buildSummary({ ...fixture(), rounds: [], notes: [] });
    assert.equal(s.counts.participants, 5);
    assert.equal(s.counts.languages, 3);
    assert.deepEqual(s.themes, []);
  });
});
