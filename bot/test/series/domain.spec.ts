import assert from "node:assert/strict";
import { conservativeMask, MASK } from "../../src/features/series/domain/anonymise";
import { endOfHelsinkiDay } from "../../src/features/series/domain/deadlines";
import { SeriesError } from "../../src/features/series/domain/errors";
import { validateRecord, validateSeriesDetails } from "../../src/features/series/domain/forms";
import { summaryToCsv } from "../../src/features/series/domain/summary-csv";
import { summaryToMarkdown } from "../../src/features/series/domain/summary-markdown";
import { compileSummary } from "../../src/features/series/domain/summary";
import type { Series, SeriesDialogue, SeriesRecord } from "../../src/features/series/domain/types";
import { translator } from "../../src/platform/i18n/i18n";
import { seriesBody } from "./api-client";

const at = new Date("2027-04-01T10:00:00Z");
const series = {
  ...validateSeriesDetails(seriesBody()),
  id: "s-1",
  tenantId: "t",
  version: 1,
  createdBy: { aadId: "c", name: "C" },
  createdAt: at,
  updatedAt: at,
} as Series;
const dialogue = (id: string, organisation: string, owner = "Olli Omistaja"): SeriesDialogue => ({
  id,
  seriesId: "s-1",
  kind: "reported",
  title: "",
  organisation,
  date: "2027-03-20",
  mode: "inPerson",
  language: "fi",
  targetGroup: "",
  expectedParticipants: 10,
  region: "uusimaa",
  owner: { aadId: `a-${id}`, name: owner },
  registeredAt: at,
  version: 1,
  reminderCount: 0,
});
const record = (d: string, no: number, over: Partial<SeriesRecord> = {}): SeriesRecord => ({
  seriesId: "s-1",
  seriesDialogueId: d,
  recordNo: no,
  ownerId: "x",
  participantsOnSite: 5,
  participantsRemote: 1,
  languages: ["fi"],
  themes: [],
  insights: [],
  notes: "",
  reachedSeldomHeard: false,
  seldomHeardGroups: "",
  submittedAt: at,
  updatedAt: at,
  version: 1,
  ...over,
});
const t = translator("fi", "series");

describe("series domain", () => {
  const maskCases: [string, string, string[]][] = [
    ["e-mail", "Kirjoita osoitteeseen maija.m@example.fi heti", ["maija.m@example.fi"]],
    ["phone", "Soita 040 123 4567 tai +358 40 1234567.", ["040 123 4567", "358 40"]],
    ["full name", "Keskustelussa Maija Meikäläinen kertoi", ["Maija", "Meikäläinen"]],
    ["double surname", "Anna-Liisa Korhonen-Virtanen sanoi", ["Anna-Liisa", "Korhonen"]],
    ["known first name alone", "Sitten Pekka kertoi tarinan", ["Pekka"]],
    ["mention", "kuten @maija sanoi", ["@maija"]],
  ];
  for (const [name, text, gone] of maskCases) {
    it(`masks ${name}`, () => {
      const out = conservativeMask(text, ["Pekka Pouta"]);
      for (const g of gone) assert.ok(!out.includes(g), `${out} still has ${g}`);
      assert.ok(out.includes(MASK));
    });
  }

  it("keeps ordinary sentences readable", () => {
    const text = "Luottamus viranomaisiin kasvaa, kun päätökset selitetään. Helsingissä puhuttiin kiireestä.";
    assert.equal(conservativeMask(text), text);
  });

  it("ends deadlines at midnight Helsinki time, summer and winter", () => {
    assert.equal(endOfHelsinkiDay("2027-05-15")!.toISOString(), "2027-05-15T20:59:59.999Z");
    assert.equal(endOfHelsinkiDay("2027-01-15")!.toISOString(), "2027-01-15T21:59:59.999Z");
    assert.equal(endOfHelsinkiDay("2027-02-30"), undefined);
  });

  it("refuses oversize text with every problem at once, and strips control characters", () => {
    try {
      validateRecord({
        participantsOnSite: "3",
        languages: "fi,xx",
        notes: "x".repeat(10_001),
        themes: Array(31)
          .fill("t")
          .map((v, i) => v + i),
      });
      assert.fail("expected a refusal");
    } catch (err) {
      assert.ok(err instanceof SeriesError && err.code === "invalid");
      assert.deepEqual(err.fields.map((f) => `${f.field}:${f.key}`).sort(), [
        "languages:invalidChoice",
        "notes:tooLong",
        "themes:tooMany",
      ]);
    }
    const ok = validateRecord({
      participantsOnSite: 3,
      languages: ["fi"],
      notes: "a\u0007b\u202ec",
      themes: "x\u0000y",
    });
    assert.equal(ok.notes, "abc");
    assert.deepEqual(ok.themes, ["xy"]);
  });

  it("checks series dates against each other", () => {
    assert.throws(
      () => validateSeriesDetails(seriesBody({ periodEnd: "2027-02-01", recordsDeadline: "2027-01-01" })),
      (e: unknown) => e instanceof SeriesError && e.fields.some((f) => f.key === "endBeforeStart"),
    );
  });

  it("counts participants per dialogue across group records, and organisations once", () => {
    const dialogues = [
      dialogue("d1", "Kela"),
      dialogue("d2", " KELA "),
      dialogue("d3", "Sitra"),
      dialogue("d4", "Liisa Vilkki"),
      dialogue("d5", "Olli Omistaja"),
    ];
    const records = [
      record("d1", 1),
      record("d1", 2, { participantsRemote: 4 }),
      record("d2", 1),
      record("d4", 1),
      record("d5", 1),
    ];
    const s = compileSummary({
      series,
      dialogues,
      records,
      analysis: "",
      individualNames: ["Liisa Vilkki"],
      mask: conservativeMask,
      now: at,
    });
    assert.equal(s.statistics.dialogues, 4);
    assert.equal(s.statistics.recordsMissing, 1);
    assert.equal(s.statistics.participants, 5 * 5 + 1 * 4 + 4);
    assert.deepEqual(s.organisations, ["Kela"]);
    assert.equal(s.individualOrganisers, 2);
    assert.ok(!JSON.stringify(s).includes("Vilkki") && !JSON.stringify(s).includes("Omistaja"));
  });

  it("makes CSV formula-injection-safe and Markdown inert", () => {
    const records = [
      record("d1", 1, { themes: ['=HYPERLINK("http://x")', "# otsikko"], insights: ["@SUM(A1)"], notes: "" }),
    ];
    const s = compileSummary({
      series,
      dialogues: [dialogue("d1", "+Org")],
      records,
      analysis: "",
      individualNames: [],
      mask: conservativeMask,
      now: at,
    });
    const csv = summaryToCsv(s, t);
    assert.ok(!/(^|,)[=+@-]/m.test(csv.replace(/^\ufeff/, "")), csv);
    assert.match(csv, /"'=HYPERLINK\(""http:\/\/x""\)"/);
    const md = summaryToMarkdown(s, t);
    assert.match(md, /### \\# otsikko \(1\)/);
  });
});
