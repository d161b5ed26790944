import assert from "node:assert/strict";
import { formatAgenda, parseAgenda, standardAgenda } from "../../src/features/dialogues/domain/agenda";
import { csvCell, toCsv } from "../../src/platform/text/csv";
import {
  defaultAgendaText,
  validateDialogueForm,
  type DialogueForm,
} from "../../src/features/dialogues/domain/dialogue-form";
import { helsinkiToUtc, utcToHelsinki } from "../../src/platform/time/helsinki-time";
import { dialogueIdFor, isDialogueId } from "../../src/features/dialogues/domain/ids";
import { reminderJobs } from "../../src/features/dialogues/domain/reminders";
import { cleanLine, cleanMultiline } from "../../src/platform/text/sanitize";
import type { Dialogue } from "../../src/features/dialogues/domain/types";
import { details } from "./fixtures";

describe("dialogue domain", () => {
  describe("Helsinki time", () => {
    const cases: [string, number, string][] = [
      ["2021-03-25", 9 * 60, "2021-03-25T07:00:00.000Z"], // winter, UTC+2 (seed 002)
      ["2030-06-15", 9 * 60 + 30, "2030-06-15T06:30:00.000Z"], // summer, UTC+3
      ["2030-03-31", 2 * 60, "2030-03-31T00:00:00.000Z"], // DST change day, before the switch
      ["2030-03-31", 10 * 60, "2030-03-31T07:00:00.000Z"], // after the switch
    ];
    for (const [date, min, iso] of cases) {
      it(`${date} ${min} min → ${iso}`, () => {
        const utc = helsinkiToUtc(date, min)!;
        assert.equal(utc.toISOString(), iso);
        assert.deepEqual(
          { date: utcToHelsinki(utc).date, minutes: utcToHelsinki(utc).minutes },
          { date, minutes: min },
        );
      });
    }
    it("rejects impossible dates", () => assert.equal(helsinkiToUtc("2030-02-30", 600), undefined));
  });

  describe("agenda", () => {
    it("scales the standard programme to 9.00–11.00 with breakout rounds marked", () => {
      const items = standardAgenda(540, 660, "fi");
      assert.equal(items[0]!.minutes, 540);
      assert.equal(items.at(-1)!.minutes, 660);
      assert.ok(items.some((i) => i.breakout));
      assert.ok(items.every((i, k) => k === 0 || i.minutes >= items[k - 1]!.minutes));
    });
    it("round-trips through text and reports bad lines", () => {
      const items = standardAgenda(540, 660, "en");
      assert.deepEqual(parseAgenda(formatAgenda(items)).items, items);
      const { problems } = parseAgenda("9.00 Welcome\nnonsense\n08:00 Earlier");
      assert.deepEqual(
        problems.map((p) => [p.line, p.code]),
        [
          [2, "format"],
          [3, "order"],
        ],
      );
    });
  });

  describe("form validation", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const valid: DialogueForm = {
      title: " Treffitori\u0000 ",
      description: "Kuvaus\r\nrivi\u202e",
      themes: "Mitä yhteistyöllä voidaan saavuttaa?",
      date: "2030-03-25",
      startTime: "09:00",
      endTime: "11:00",
      mode: "remote",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/x",
      capacity: "40",
      deadlineDate: "2030-03-18",
      languages: "fi,sv",
      groundRules: "current4",
      agenda:
        "9.00 Tervetuloa\n09:30 * Dialogikeskustelut\n10:30 Yhteinen keskustelu\n11:00 Tilaisuus päättyy",
    };
    it("accepts the seed-002 programme and cleans control characters", () => {
      const r = validateDialogueForm(valid, { now, lang: "fi" });
      assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
      assert.equal(r.details.title, "Treffitori");
      assert.equal(r.details.description, "Kuvaus\nrivi");
      assert.equal(r.details.start.toISOString(), "2030-03-25T07:00:00.000Z");
      assert.equal(r.details.deadline.toISOString(), "2030-03-18T21:59:00.000Z");
      assert.deepEqual(
        r.details.agenda.map((i) => i.breakout),
        [false, true, false, false],
      );
    });
    it("uses the template scaled to the chosen times when the prefilled agenda is untouched", () => {
      const prefill = defaultAgendaText(540, 660, "fi");
      const r = validateDialogueForm(
        { ...valid, startTime: "13:00", endTime: "16:00", agenda: prefill, agendaDefault: prefill },
        { now, lang: "fi" },
      );
      assert.ok(r.ok);
      assert.equal(r.details.agenda[0]!.minutes, 13 * 60);
      assert.equal(r.details.agenda.at(-1)!.minutes, 16 * 60);
    });
    const bad: [string, DialogueForm, string, string][] = [
      ["end before start", { ...valid, endTime: "08:00" }, "endTime", "endBeforeStart"],
      [
        "deadline after start",
        { ...valid, deadlineDate: "2030-03-26" },
        "deadlineDate",
        "deadlineAfterStart",
      ],
      ["capacity 0", { ...valid, capacity: "0" }, "capacity", "capacity"],
      ["capacity 1001", { ...valid, capacity: "1001" }, "capacity", "capacity"],
      ["agenda outside", { ...valid, agenda: "09:00 A\n12:00 B" }, "agenda", "agenda.outside"],
      ["title too long", { ...valid, title: "x".repeat(151) }, "title", "tooLong"],
      ["remote without link", { ...valid, meetingUrl: "" }, "meetingUrl", "meetingUrlRequired"],
      ["http link", { ...valid, meetingUrl: "http://x.test" }, "meetingUrl", "url"],
      ["unknown language", { ...valid, languages: "fi,de" }, "languages", "languages"],
      ["in the past", { ...valid, date: "2029-12-31" }, "date", "inPast"],
      ["title of control characters only", { ...valid, title: "\u0001\u0002" }, "title", "required"],
    ];
    for (const [name, form, field, key] of bad) {
      it(`rejects ${name}`, () => {
        const r = validateDialogueForm(form, { now, lang: "fi" });
        assert.equal(r.ok, false);
        assert.ok(
          !r.ok && r.errors.some((e) => e.field === field && e.key === key),
          JSON.stringify(!r.ok && r.errors),
        );
      });
    }
    it("refuses a capacity below the confirmed seats on edit", () => {
      const r = validateDialogueForm({ ...valid, capacity: "3" }, { now, lang: "fi", minCapacity: 5 });
      assert.ok(!r.ok && r.errors.some((e) => e.key === "capacityBelowConfirmed"));
    });
  });

  it("sanitises text", () => {
    assert.equal(cleanLine("a\nb\u0007 c"), "a b c");
    assert.equal(cleanMultiline("a\r\n\n\n\nb\u200b"), "a\n\nb");
  });

  it("writes RFC 4180, formula-safe CSV", () => {
    assert.equal(csvCell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    assert.equal(csvCell("-1+2"), "'-1+2");
    assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
    assert.equal(toCsv([["x", "y\nz"]]), '\ufeffx,"y\nz"\r\n');
  });

  it("derives stable, well-formed dialogue ids from the nonce", () => {
    const id = dialogueIdFor("t", "u", "n");
    assert.equal(id, dialogueIdFor("t", "u", "n"));
    assert.notEqual(id, dialogueIdFor("t", "u2", "n"));
    assert.ok(isDialogueId(id));
  });

  it("plans reminders 24 h and 15 min before, dropping past ones", () => {
    const start = new Date("2030-02-01T07:00:00Z");
    const d = { ...details(start), id: "d-abcdefgh", state: "open", version: 1 } as Dialogue;
    const jobs = reminderJobs(d, new Date("2030-01-01T00:00:00Z"));
    assert.deepEqual(
      jobs.map((j) => [j.id, j.kind, j.dueAt.toISOString()]),
      [
        ["d-abcdefgh-r24h", "dialogue.reminder24h", "2030-01-31T07:00:00.000Z"],
        ["d-abcdefgh-r15m", "dialogue.reminder15m", "2030-02-01T06:45:00.000Z"],
      ],
    );
    assert.equal(reminderJobs(d, new Date("2030-02-01T00:00:00Z")).length, 1);
    assert.equal(reminderJobs({ ...d, state: "cancelled" }, new Date(0)).length, 0);
  });
});
