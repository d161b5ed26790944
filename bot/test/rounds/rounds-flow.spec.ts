import assert from "node:assert/strict";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  driver,
  executeAction,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { eventually, NAME_PARTS, personalActivities, REGISTRANTS, tableRows } from "./helpers";

// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
const organiser: Actor = { userId: "aad-rounds-organiser", userName: "Olli Ohjaaja", locale: "fi-FI" };
const [aino, eero, , oskari] = REGISTRANTS;
const AGENDA =
  "09:00 Tervetuloa\n09:30 * Dialogi pienryhmissä\n10:00 * Dialogi pienryhmissä: syvennetään\n10:30 Yhteinen keskustelu\n11:00 Loppu";

/** The dialogue form as Teams merges its inputs into the Action.Execute data. */
const formInputs = {
  title: "Luottamus hallintoon",
  description: "Miten luottamus syntyy?",
  themes: "Milloin olet luottanut viranomaiseen?\nMikä luottamusta vahvistaisi?",
  date: "2030-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_luottamus%40thread.v2/0",
  address: "",
  capacity: "20",
  deadlineDate: "2030-03-18",
  deadlineTime: "16:00",
  languages: "fi,sv",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda: AGENDA,
};

type Sent = Record<string, unknown>;
const cards = (activities: Sent[]) =>
  activities.filter((a) => Array.isArray(a.attachments)).map((a) => cardOf(a));

describe("breakout rounds, notes and summary through /api/messages", function () {
  this.timeout(120_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let clock = new Date("2030-03-01T08:00:00Z");
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";
  /** Notes cards the scribes got, by user id, per round. */
  const notesCards = new Map<string, Record<string, unknown>>();

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { PUBLIC_URL, JOB_POLL_MS: "50" },
      overrides: { now: () => clock },
    });
    bot = driver(app, connector);
    for (const a of [organiser, ...REGISTRANTS]) await bot.say(a, "help");
    const [form] = await bot.say(organiser, "uusi dialogi");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...formInputs });
    dialogueId = String(executeAction(valid(created.card), "dialogue.edit")!.data.dialogueId);
    for (const r of REGISTRANTS) {
      const res = await bot.execute(r, "registration.submit", {
        dialogueId,
        language: r.language,
        organisation: r.organisation,
        background: r.scribe ? "stateAdministration" : "resident",
        scribe: String(r.scribe),
        acceptRules: "true",
      });
      valid(res.card, res);
    }
    clock = new Date("2030-03-25T07:25:00Z"); // 9.25 in Helsinki
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  const controls = async (verb: string, data: Record<string, unknown> = {}, who: Actor = organiser) =>
    bot.execute(who, verb, { dialogueId, ...data });
  const state = async () => (await tableRows(app, "Groups", dialogueId)).find((r) => r.rowKey === "state");
  /** Note rows (the table also holds the rounds' open/closed gate rows). */
  const noteRows = async () =>
    (await tableRows(app, "Notes", dialogueId)).filter((r) => /^r\d/.test(String(r.rowKey)));

  it("refuses the facilitator controls to a participant, changing nothing", async () => {
    const [reply] = await bot.say(eero!, `ohjaa ${dialogueId}`);
    assert.match(String(reply!.text), /Vain dialogin ohjaajat ja järjestäjät/);
    for (const verb of ["round.startDialogue", "round.form", "round.start", "round.endDialogue"]) {
      const r = await controls(verb, { round: 1 }, eero!);
      assert.equal(r.card, undefined);
      assert.match(String(r.message), /Vain dialogin ohjaajat/);
    }
    assert.equal(await state(), undefined);
  });

  it("`ohjaa <id>` opens valid controls; the dialogue starts and groups are proposed with quality figures", async () => {
    const [sent] = await bot.say(organiser, `ohjaa ${dialogueId}`);
    const card = valid(cardOf(sent));
    assert.ok(executeAction(card, "round.startDialogue"));
    const started = await controls("round.startDialogue");
    assert.match(textOf(valid(started.card, started)), /Dialogi on alkanut/);
    const again = await controls("round.startDialogue");
    assert.match(String(again.message), /jo tehty/);

    const formed = await controls("round.form", { round: 1 });
    const text = textOf(valid(formed.card, formed));
    assert.match(text, /Kierroksen 1 ryhmät \(ehdotus\)/);
    assert.match(text, /Monimuotoisuus/);
    assert.match(text, /Uudelleen tapaavat parit/);
    assert.ok(executeAction(formed.card, "round.start"));
    const csv = findAll(formed.card, "Action.OpenUrl")[0]!;
    const res = await fetch(app.url + String(csv.url).slice(PUBLIC_URL.length));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /group,breakoutRoom,name/);
    const forged = await fetch(
      app.url +
        String(csv.url)
          .slice(PUBLIC_URL.length)
          .replace(/t=[^&]+/, "t=x"),
    );
    assert.equal(forged.status, 404);
  });

  it("moves a person between groups before the round starts", async () => {
    const view = await controls("round.controls");
    const people = findAll(view.card, "Input.ChoiceSet").find((i) => i.id === "person")!;
    const choice = (people.choices as { title: string; value: string }[])[0]!;
    const from = Number(/\((\d+)\)$/.exec(choice.title)![1]);
    const to = from === 1 ? 2 : 1;
    const moved = await controls("round.move", { round: 1, person: choice.value, toGroup: String(to) });
    assert.match(textOf(valid(moved.card, moved)), /Siirretty/);
    const rows = await tableRows(app, "Groups", dialogueId);
    const target = rows.find((r) => r.rowKey === `r01-g000${to}`)!;
    assert.ok(String(target.members).includes(choice.value));
  });

  it("starts round 1 once even when clicked twice at once; everyone gets their group personally", async () => {
    clock = new Date("2030-03-25T07:30:00Z");
    const mark = connector.calls.length;
    const [a, b] = await Promise.all([
      controls("round.start", { round: 1 }),
      controls("round.start", { round: 1 }),
    ]);
    const outcomes = [a, b].map((r) => (r.card ? "card" : String(r.message)));
    assert.equal(outcomes.filter((o) => o === "card").length, 1, JSON.stringify(outcomes));
    assert.match(
      outcomes.find((o) => o !== "card")!,
      /jo tehty|käynnissä/,
    );
    for (const r of REGISTRANTS) {
      const got = await eventually(`group card for ${r.userName}`, () => {
        const mine = cards(personalActivities(connector, r.userId, mark));
        return mine.length > 0 && mine;
      });
      const group = valid(got[0]);
      const text = textOf(group);
      assert.match(text, r.language === "fi" ? /Kierros 1 · Ryhmä \d/ : /Runda 1 · Grupp \d/);
      assert.match(text, r.language === "fi" ? /päättyy klo 10\.00/ : /slutar kl\. 10\.00/);
      assert.match(text, r.language === "fi" ? /Kuuntele/ : /Lyssna/);
    }
    await new Promise((r) => setTimeout(r, 200));
    // One announcement per person, not two.
    for (const r of REGISTRANTS) {
      const groupCards = cards(personalActivities(connector, r.userId, mark)).filter(
        (c) => !executeAction(c, "notes.save") && /Kierros 1 · Ryhmä|Runda 1 · Grupp/.test(textOf(c)),
      );
      assert.equal(groupCards.length, 1, r.userName);
      const notes = cards(personalActivities(connector, r.userId, mark)).find((c) =>
        executeAction(c, "notes.save"),
      );
      if (notes) notesCards.set(r.userId, valid(notes));
    }
    assert.ok(notesCards.size >= 2, "every group has a scribe with a notes card");
  });

  it("stores each scribe's notes once (duplicate submit), masks names, refuses non-members and oversize notes", async () => {
    let groupsWithNotes = 0;
    for (const [userId, card] of notesCards) {
      const scribe = REGISTRANTS.find((r) => r.userId === userId)!;
      const save = executeAction(card, "notes.save")!;
      const input = {
        ...save.data,
        text: `Keskustelimme luottamuksesta. ${aino!.userName} ja Stina kertoivat kokemuksistaan.`,
        themes: "luottamus, avoimuus",
        insights: "Selkeä kieli lisää luottamusta",
      };
      const first = await bot.execute(scribe, "notes.save", input);
      const second = await bot.execute(scribe, "notes.save", input);
      for (const r of [first, second]) {
        const text = textOf(valid(r.card, r));
        assert.match(text, /Tallennettu klo 9\.30|Sparat kl\. 9\.30/);
        assert.ok(!text.includes("Aaltonen") && !/\bStina\b/.test(text), "names are masked in the preview");
      }
      groupsWithNotes++;
    }
    const notes = await noteRows();
    assert.equal(notes.length, groupsWithNotes, "one row per card, however often it is submitted");
    for (const row of notes) {
      assert.deepEqual(
        Object.keys(row).filter((k) => /user|author|aad|name/i.test(k)),
        [],
        "no author in the note row",
      );
    }

    // Someone of another group submits to this group's card: refused, nothing stored.
    const [scribeId, card] = [...notesCards][0]!;
    const save = executeAction(card, "notes.save")!;
    const group = (await tableRows(app, "Groups", dialogueId)).find(
      (r) => r.rowKey === `r01-g${String(save.data.group).padStart(4, "0")}`,
    )!;
    const outsider = REGISTRANTS.find(
      (r) => r.userId !== scribeId && !String(group.members).includes(r.userId),
    )!;
    const refused = await bot.execute(outsider, "notes.save", {
      ...save.data,
      noteId: crypto.randomUUID(),
      text: "x",
    });
    assert.match(String(refused.message), /not a member|jäsen|inte med/);
    // Oversize: a clear message and nothing stored.
    const scribe = REGISTRANTS.find((r) => r.userId === scribeId)!;
    const big = await bot.execute(scribe, "notes.save", {
      ...save.data,
      noteId: crypto.randomUUID(),
      text: "a".repeat(200_000),
    });
    assert.equal(big.card, undefined);
    assert.match(String(big.message), /liian pitkä|för lång/);
    assert.equal((await noteRows()).length, notes.length);
  });

  it("fires '5 minutes left' and 'round over' from the durable job queue on the (fake) clock", async () => {
    const mark = connector.calls.length;
    clock = new Date("2030-03-25T07:55:00Z");
    await eventually("5-minute warnings", () =>
      REGISTRANTS.every((r) =>
        personalActivities(connector, r.userId, mark).some((a) =>
          /5 minuuttia|5 minuter/.test(String(a.text)),
        ),
      ),
    );
    clock = new Date("2030-03-25T08:00:00Z");
    await eventually("round over", () =>
      REGISTRANTS.every((r) =>
        personalActivities(connector, r.userId, mark).some((a) => /päättynyt|är slut/.test(String(a.text))),
      ),
    );
    const s = await state();
    assert.equal(s!.running, false);
    assert.equal(s!.round, 1);
  });

  it("runs round 2: extend, broadcast, notes, end round", async () => {
    notesCards.clear();
    const mark = connector.calls.length;
    const started = await controls("round.start", { round: 2 });
    assert.match(textOf(valid(started.card, started)), /Kierros 2 alkoi/);
    const extended = await controls("round.extend", { round: 2, minutes: "10" });
    assert.match(textOf(valid(extended.card, extended)), /päättyy nyt klo 10\.40/);
    const told = await controls("round.broadcast", { round: 2, message: "Viisi minuuttia lisäaikaa" });
    assert.match(textOf(valid(told.card, told)), /Viesti lähetetty 12/);
    for (const r of REGISTRANTS) {
      await eventually(`round 2 for ${r.userName}`, () =>
        cards(personalActivities(connector, r.userId, mark)).some((c) =>
          /Kierros 2 · Ryhmä|Runda 2 · Grupp/.test(textOf(c)),
        ),
      );
      const notes = cards(personalActivities(connector, r.userId, mark)).find((c) =>
        executeAction(c, "notes.save"),
      );
      if (notes) notesCards.set(r.userId, valid(notes));
    }
    for (const [userId, card] of notesCards) {
      const scribe = REGISTRANTS.find((r) => r.userId === userId)!;
      const r = await bot.execute(scribe, "notes.save", {
        ...executeAction(card, "notes.save")!.data,
        text: "Oskari Ojala muistutti, että palvelut pitää selittää.",
        themes: "luottamus, selkeä kieli",
        insights: "",
      });
      valid(r.card, r);
    }
    // A member who is not the scribe: refused until the facilitator lets members write.
    const member = REGISTRANTS.find((r) => !notesCards.has(r.userId) && r.language === "fi")!;
    const [refusal] = await bot.say(member, `muistiinpano ${dialogueId}`);
    assert.match(String(refusal!.text), /kirjoittaa ryhmän kirjuri/);
    const allowed = await controls("round.memberNotes", { allow: true });
    assert.match(textOf(valid(allowed.card, allowed)), /Asetus tallennettu/);
    const fromChannel = await bot.say(member, `muistiinpano ${dialogueId}`, {
      conversationType: "channel",
      conversationId: "19:rounds-channel@thread.tacv2",
    });
    assert.match(String(fromChannel[0]!.text), /henkilökohtaiseen keskusteluusi/);
    const memberCard = valid(cards(personalActivities(connector, member.userId, mark)).at(-1)!);
    const memberNote = await bot.execute(member, "notes.save", {
      ...executeAction(memberCard, "notes.save")!.data,
      text: "Lisäys: asiointi on helpottunut.",
      themes: "asiointi",
      insights: "",
    });
    valid(memberNote.card, memberNote);
    const ended = await controls("round.end", { round: 2 });
    assert.match(textOf(valid(ended.card, ended)), /Kierros 2 päättyi/);
    // Round 1's notes closed when round 2 started.
    const [oldScribe] = [...notesCards];
    const late = await bot.execute(
      REGISTRANTS.find((r) => r.userId === oldScribe![0])!,
      "notes.save",
      {
        ...executeAction(oldScribe![1], "notes.save")!.data,
        round: 1,
        noteId: crypto.randomUUID(),
        text: "myöhässä",
      },
    );
    assert.match(String(late.message), /suljettu|stängda|jäsen|inte med/);
  });

  it("ends the dialogue: the organiser gets the summary; exports carry no registrant names", async () => {
    const mark = connector.calls.length;
    const ended = await controls("round.endDialogue");
    valid(ended.card, ended);
    assert.match(textOf(ended.card), /Dialogi on päättynyt/);
    const summaryMessage = await eventually("summary to the organiser", () =>
      cards(personalActivities(connector, organiser.userId, mark)).find((c) => /Yhteenveto/.test(textOf(c))),
    );
    const summary = valid(summaryMessage);
    const text = textOf(summary);
    assert.match(text, /Osallistujat[\s\S]*12/);
    assert.match(text, /Kierrokset[\s\S]*2/);
    assert.match(text, /luottamus/);
    const links = findAll(summary, "Action.OpenUrl").map((a) => String(a.url));
    assert.equal(links.length, 3);
    const bodies: string[] = [];
    for (const url of links) {
      const res = await fetch(app.url + url.slice(PUBLIC_URL.length));
      assert.equal(res.status, 200, url);
      if (url.includes("summary.docx")) {
        const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
        const xml = await zip.file("word/document.xml")!.async("string");
        assert.match(xml, /luottamus/);
        bodies.push(xml);
      } else bodies.push(await res.text());
    }
    for (const body of bodies) {
      for (const name of NAME_PARTS) assert.ok(!body.includes(name), `"${name}" in an export`);
    }
    void oskari;
    const participant = await controls("summary.open", {}, eero!);
    assert.match(String(participant.message), /Vain dialogin ohjaajat/);
  });
});
