import assert from "node:assert/strict";
import { formatAgenda, parseAgenda } from "../../src/features/dialogues/domain/agenda";
import {
  defaultAgendaText,
  validateDialogueForm,
  type DialogueForm,
} from "../../src/features/dialogues/domain/dialogue-form";
import { methodAgenda } from "../../src/features/dialogues/domain/methods";
import type { Dialogue } from "../../src/features/dialogues/domain/types";
import { invitationCard } from "../../src/features/dialogues/cards/invitation-card";
import { organiserCard } from "../../src/features/dialogues/cards/organiser-card";
import { dialogueFormCard, dialogueFormValues } from "../../src/features/dialogues/cards/form-card";
import { registrationFormCard } from "../../src/features/dialogues/cards/registration-form-card";
import { dialogueFacts } from "../../src/features/public-registration/pages/dialogue-facts";
import { textOf, valid } from "./conversation-helpers";
import { details } from "./fixtures";

const now = new Date("2030-03-01T08:00:00Z");
const form = (o: Partial<DialogueForm> = {}): DialogueForm => ({
  title: "T",
  themes: "Q",
  date: "2030-04-10",
  startTime: "13:00",
  endTime: "16:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/x",
  capacity: "20",
  languages: "en",
  groundRules: "current4",
  method: "citizensJury",
  ...o,
});
const ok = (f: DialogueForm) => {
  const r = validateDialogueForm(f, { now, lang: "en" });
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  return r;
};

describe("participation methods in the dialogue form (domain)", () => {
  describe("the programme rule: the method's programme while the organiser has not written their own", () => {
    const jury = formatAgenda(methodAgenda("citizensJury", 780, 960, "en"));
    it("empty → the method's programme for the times", () => {
      assert.equal(formatAgenda(ok(form({ agenda: "" })).details.agenda), jury);
    });
    it("unchanged from the prefilled text (the standard 9–11 programme) → the method's for the new times", () => {
      const prefilled = defaultAgendaText(540, 660, "en");
      assert.equal(
        formatAgenda(ok(form({ agenda: prefilled, agendaDefault: prefilled })).details.agenda),
        jury,
      );
    });
    it("typed → the organiser's own, parsed", () => {
      const r = ok(form({ agenda: "13:00 Start\n15:00 * Talk — in pairs" }));
      assert.deepEqual(r.details.agenda, [
        { minutes: 780, title: "Start", breakout: false },
        { minutes: 900, title: "Talk", breakout: true, description: "in pairs" },
      ]);
    });
    it("a form without a method (peer scheduling, older clients) keeps the standard programme and stores none", () => {
      const r = ok(form({ method: undefined, agenda: "" }));
      assert.equal(r.method, undefined);
      assert.match(formatAgenda(r.details.agenda), /Group dialogues/);
    });
  });

  it("sizes: empty fields take the method's, typed ones are checked against 2–25 and min ≤ max", () => {
    assert.deepEqual(ok(form()).method, {
      method: "citizensJury",
      participationLevel: "collaborate",
      grouping: { minSize: 4, maxSize: 7, targetSize: 5 },
    });
    assert.deepEqual(ok(form({ minSize: "6", maxSize: 8 })).method!.grouping, {
      minSize: 6,
      maxSize: 8,
      targetSize: 6,
    });
    const errors = (f: DialogueForm) => {
      const r = validateDialogueForm(f, { now, lang: "en" });
      return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.key}`);
    };
    assert.deepEqual(errors(form({ minSize: "1" })), ["minSize:groupSize"]);
    assert.deepEqual(errors(form({ maxSize: "26" })), ["maxSize:groupSize"]);
    assert.deepEqual(errors(form({ minSize: "2.5" })), ["minSize:groupSize"]);
    assert.deepEqual(errors(form({ minSize: "8", maxSize: "7" })), ["maxSize:groupSizeOrder"]);
    assert.deepEqual(errors(form({ method: "" })), []);
    assert.deepEqual(errors(form({ method: "<script>" })), ["method:choice"]);
  });

  it("material links: https only, at most 5, titled by the text before the URL or by the host", () => {
    const r = ok(form({ materials: "Memo: https://a.example/m.pdf\n\nhttps://b.example/x" }));
    assert.deepEqual(r.details.materials, [
      { title: "Memo", url: "https://a.example/m.pdf" },
      { title: "b.example", url: "https://b.example/x" },
    ]);
    const bad = validateDialogueForm(
      form({ materials: "a http://x.example\njavascript:alert(1)\n" + "https://c.example\n".repeat(5) }),
      { now, lang: "en" },
    );
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.errors.map((e) => [e.key, e.params]),
      [
        ["tooManyLinks", { max: 5 }],
        ["materialUrl", { line: 1 }],
        ["materialUrl", { line: 2 }],
      ],
    );
  });

  it("agenda descriptions: `Title — description` (or ` -- `), at most 300 characters, round-trip", () => {
    const text = "09:00 Hallinto–järjestöt — miksi olemme täällä\n09.30 * Ryhmät -- omat kokemukset";
    const parsed = parseAgenda(text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(
      parsed.items[0]!.title,
      "Hallinto–järjestöt",
      "an en dash inside a title is not a separator",
    );
    assert.equal(
      formatAgenda(parsed.items),
      "09:00 Hallinto–järjestöt — miksi olemme täällä\n09:30 * Ryhmät — omat kokemukset",
    );
    assert.deepEqual(parseAgenda(`09:00 A — ${"x".repeat(301)}`).problems, [
      { line: 1, code: "descriptionLength" },
    ]);
  });

  it("the public page shows co-organisers, target audience, item descriptions and material links (escaped)", () => {
    const d = {
      ...details(new Date("2030-04-10T10:00:00Z")),
      organisers: "Kirjasto",
      coOrganisations: [{ id: "vm", name: "Valtiovarainministeriö" }],
      targetAudience: "Nuoret <16",
      agenda: [{ minutes: 780, title: "Alku", breakout: false, description: "miksi <b>täällä</b>" }],
      materials: [{ title: 'Muistio "x"', url: "https://example.org/m?a=1&b=2" }],
    } as unknown as Dialogue;
    const page = String(dialogueFacts("fi", d));
    assert.match(page, /<dd>Valtiovarainministeriö, Kirjasto<\/dd>/);
    assert.match(page, /Nuoret &lt;16/);
    assert.match(page, /Alku — miksi &lt;b&gt;täällä&lt;\/b&gt;/);
    assert.match(page, /<a href="https:\/\/example.org\/m\?a=1&amp;b=2">Muistio &quot;x&quot;<\/a>/);
  });

  it("a dialogue stored before methods existed still renders everywhere (defaults)", () => {
    const old = {
      ...details(new Date("2030-04-10T10:00:00Z"), { mode: "hybrid", address: "Oodi" }),
      id: "d-abcdefgh",
      tenantId: "t",
      state: "open",
      version: 3,
      createdBy: { aadId: "u", name: "U" },
      organiserIds: ["u"],
      facilitators: [{ aadId: "u", name: "U" }],
      createdAt: now,
      updatedAt: now,
    } as Dialogue;
    const counts = { confirmed: 0, waitlisted: 0 };
    for (const lang of ["fi", "sv", "en"] as const) {
      valid(invitationCard({ dialogue: old, counts, lang, refreshUserIds: [] }));
      valid(organiserCard({ dialogue: old, counts, lang, registrations: [] }));
      valid(registrationFormCard({ dialogue: old, lang, refreshUserIds: [] }));
      const values = dialogueFormValues(old);
      assert.equal(values.method, "dialogue");
      assert.equal(values.minSize, null);
      valid(
        dialogueFormCard({
          lang,
          mode: "edit",
          values,
          nonce: "n",
          agendaDefault: "",
          automaticMeetings: false,
        }),
      );
    }
    assert.doesNotMatch(
      textOf(invitationCard({ dialogue: old, counts, lang: "en", refreshUserIds: [] })),
      /Your influence|Phases/,
    );
  });
});
