import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { formulaCells, splitLikeExcel } from "../../testing/excel-csv";
import { waitFor } from "../../testing/outbox-fleet";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
const organiser: Actor = { userId: "aad-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const anna: Actor = { userId: "aad-anna", userName: "Anna Svensson", locale: "sv-FI" };
const ben: Actor = { userId: "aad-ben", userName: "Ben Baker", locale: "en-GB" };
const kaisa: Actor = { userId: "aad-kaisa", userName: "Kaisa Kallio", locale: "fi-FI" };
const late: Actor = { userId: "aad-late", userName: "Lasse Myöhä", locale: "fi-FI" };
const outsider: Actor = { ...ben, userId: "aad-outsider", tenantId: "tenant-other" };
const CHANNEL = "19:dialogues-channel@thread.tacv2";
const TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_treffitori%40thread.v2/0";

/** The form inputs as Teams merges them into the Action.Execute data. */
function formInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Hallinnon ja järjestöjen treffitori",
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä?",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?\nMitä yhteisiin tavoitteisiin pääseminen vaatii?",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: TEAMS_LINK,
    address: "",
    capacity: "2",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi,sv,en",
    organisers: "Valtiovarainministeriö, oikeusministeriö",
    groundRules: "current4",
    agenda:
      "09:00 Tervetuloa, päivän tavoitteet\n09:30 * Dialogikeskustelut\n10:30 Yhteinen keskustelu\n11:00 Tilaisuus päättyy",
    ...overrides,
  };
}

describe("dialogues through /api/messages", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let clock = new Date("2030-03-01T08:00:00Z");
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";
  let formData: Record<string, unknown> = {};

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { PUBLIC_URL }, overrides: { now: () => clock } });
    bot = driver(app, connector);
    // Everyone but Anna has a personal chat with the bot (Anna registers from the channel).
    for (const a of [organiser, ben, kaisa, late]) await bot.say(a, "help");
    await bot.say(organiser, "help", { conversationType: "channel", conversationId: CHANNEL });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  const personalChat = (a: Actor) => `a:chat-${a.userId}`;
  const fetchPath = (url: string) => fetch(app.url + url.slice(PUBLIC_URL.length));

  it("`uusi dialogi` opens a valid form prefilled with the standard programme", async () => {
    const [sent] = await bot.say(organiser, "uusi dialogi");
    const card = valid(cardOf(sent));
    assert.match(textOf(card), /Uusi dialogi/);
    const submit = executeAction(card, "dialogue.create")!;
    assert.match(String(submit.data.nonce), /^[0-9a-f-]{36}$/);
    assert.match(String(submit.data.agendaDefault), /^09:00 .+$/m);
    assert.match(String(submit.data.agendaDefault), /^\d\d:\d\d \* /m);
    formData = submit.data;
  });

  it("re-shows the form with translated errors and the input kept", async () => {
    const bad = formInputs({ endTime: "08:00", capacity: "0", title: "Treffitori\u0007" });
    const { card } = await bot.execute(organiser, "dialogue.create", { ...formData, ...bad });
    valid(card);
    const text = textOf(card);
    assert.match(text, /Päättymisaika: päättymisajan pitää olla alkamisajan jälkeen/);
    assert.match(text, /Paikat: anna kokonaisluku 1–1000/);
    const title = findAll(card, "Input.Text").find((i) => i.id === "title")!;
    assert.equal(title.value, "Treffitori\u0007");
  });

  it("creates the dialogue once, even when the same form is submitted twice", async () => {
    const data = { ...formData, ...formInputs() };
    const first = await bot.execute(organiser, "dialogue.create", data);
    valid(first.card);
    assert.match(textOf(first.card), /Dialogi on luotu/);
    dialogueId = String(executeAction(first.card, "dialogue.edit")!.data.dialogueId);
    assert.match(dialogueId, /^d-[a-z2-9]{8}$/);
    const second = await bot.execute(organiser, "dialogue.create", data);
    assert.equal(executeAction(second.card, "dialogue.edit")!.data.dialogueId, dialogueId);
    assert.match(textOf(second.card), /jo luotu/);
    const [list] = await bot.say(organiser, "omat dialogit");
    const listCard = valid(cardOf(list));
    assert.equal(findAll(listCard, "Action.Execute").length, 1);
  });

  it("`julkaise <id>` posts the shared invitation with per-user refresh into a channel", async () => {
    const sent = await bot.say(organiser, `<at>Dialogi</at> julkaise ${dialogueId}`, {
      conversationType: "channel",
      conversationId: CHANNEL,
    });
    const card = valid(cardOf(sent[0]));
    const refresh = card.refresh as {
      action: { verb: string; data: { dialogueId: string } };
      userIds: string[];
    };
    assert.equal(refresh.action.verb, "dialogue.refresh");
    assert.equal(refresh.action.data.dialogueId, dialogueId);
    assert.deepEqual(refresh.userIds, ["29:aad-organiser"]);
    assert.ok(executeAction(card, "registration.start"));
    assert.match(textOf(card), /09:30[\s\S]*Dialogikeskustelut \(pienryhmät\)/);
  });

  it("refuses forged, unknown and other-tenant dialogue ids without changing anything", async () => {
    for (const dialogueIdValue of ["d-zzzzzzzz", "../../etc", "x".repeat(60)]) {
      const r = await bot.execute(ben, "registration.start", { dialogueId: dialogueIdValue });
      assert.match(String(r.message), /not found/);
    }
    const wrongType = await bot.execute(ben, "registration.submit", { dialogueId: 42 });
    assert.match(String(wrongType.message), /invalid/);
    const other = await bot.execute(outsider, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(String(other.message), /not found/);
    const unknown = await bot.execute(ben, "dialogue.explode", { dialogueId });
    assert.match(String(unknown.message), /can no longer be used/);
    const notOrganiser = await bot.execute(ben, "dialogue.manage", { dialogueId });
    assert.match(String(notOrganiser.message), /Only the dialogue's organisers/);
  });

  it("registers three people in three languages: two seats, then the waitlist", async () => {
    // Anna (sv) from the channel: the form, a refusal without the ground rules, then success.
    const start = await bot.execute(
      anna,
      "registration.start",
      { dialogueId },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(start.card);
    assert.match(textOf(start.card), /Anmälan: Hallinnon/);
    assert.match(textOf(start.card), /Lyssna på andra/);
    const noRules = await bot.execute(
      anna,
      "registration.submit",
      { dialogueId, language: "sv", acceptRules: "false" },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(noRules.card);
    assert.match(textOf(noRules.card), /Godkänn spelreglerna/);
    const before = connector.calls.length;
    const ok = await bot.execute(
      anna,
      "registration.submit",
      {
        dialogueId,
        language: "sv",
        organisation: '=HYPERLINK("x")',
        background: "ngo",
        scribe: "true",
        acceptRules: "true",
      },
      { conversationType: "channel", conversationId: CHANNEL },
    );
    valid(ok.card);
    assert.match(textOf(ok.card), /Du är anmäld/);
    assert.ok(
      findAll(ok.card, "Action.OpenUrl").some((a) =>
        String(a.url).startsWith(`${PUBLIC_URL}/api/dialogues/${dialogueId}/calendar.ics`),
      ),
    );
    assert.ok(findAll(ok.card, "Action.OpenUrl").some((a) => a.url === TEAMS_LINK));
    // The confirmation reaches Anna personally through a chat created via the channel (it goes
    // through the outbox: wait for it).
    const annaConfirmation = () =>
      connector.calls.slice(before).find((c) => /Du är anmäld till/.test(String(c.body.text)));
    await waitFor("Anna's personal confirmation", () => !!annaConfirmation(), 15_000);
    valid(cardOf(annaConfirmation()!.body));

    const benOk = await bot.execute(ben, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(textOf(valid(benOk.card)), /You are registered/);
    await waitFor(
      "Ben's confirmation",
      () => bot.sentTo(personalChat(ben)).some((c) => /You are registered for/.test(String(c.body.text))),
      15_000,
    );

    const calls = connector.calls.length;
    const kaisaResult = await bot.execute(kaisa, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    assert.match(textOf(valid(kaisaResult.card)), /Olet jonossa/);
    await waitFor(
      "Kaisa's waitlist confirmation",
      () => bot.sentTo(personalChat(kaisa), calls).some((c) => /olet jonossa/.test(String(c.body.text))),
      15_000,
    );
  });

  it("the last seat taken updates the posted invitation to 'full'", async () => {
    const updates = bot.sentTo(CHANNEL).filter((c) => c.method === "PUT");
    assert.ok(updates.length >= 1, "expected the channel card to be updated");
    assert.match(textOf(cardOf(updates.at(-1)!.body)), /Täynnä/);
    assert.ok((cardOf(updates.at(-1)!.body).refresh as { userIds: string[] }).userIds.includes("29:aad-ben"));
  });

  it("each person's refresh shows their own state", async () => {
    const forBen = await bot.execute(ben, "dialogue.refresh", { dialogueId });
    assert.match(textOf(valid(forBen.card)), /You are registered/);
    const forLate = await bot.execute(late, "dialogue.refresh", { dialogueId });
    assert.match(textOf(valid(forLate.card)), /Paikat ovat täynnä/);
    assert.equal(executeAction(forLate.card, "registration.start")!.verb, "registration.start");
    const forOrganiser = await bot.execute(organiser, "dialogue.refresh", { dialogueId });
    assert.ok(executeAction(valid(forOrganiser.card), "dialogue.manage"));
  });

  it("a repeated submit (Teams retry, double click) is applied once", async () => {
    const again = await bot.execute(ben, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(textOf(again.card), /You are registered/);
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const text = textOf(valid(manage.card));
    assert.match(text, /2 \/ 2/);
    assert.match(text, /Jonossa\n1/);
  });

  it("serves the calendar file: UTC start of 9.00 Helsinki time and the Teams link", async () => {
    const forBen = await bot.execute(ben, "dialogue.refresh", { dialogueId });
    const url = String(
      findAll(forBen.card, "Action.OpenUrl").find((a) => String(a.url).includes("calendar.ics"))!.url,
    );
    const res = await fetchPath(url);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /text\/calendar/);
    const ics = (await res.text()).replace(/\r?\n[ \t]/g, ""); // unfold lines (RFC 5545 §3.1)
    const field = (name: string) => new RegExp(`^${name}[;:](.*)$`, "m").exec(ics)?.[1];
    assert.equal(field("DTSTART"), "20300325T070000Z"); // 9.00 EET = 07:00 UTC
    assert.equal(field("DTEND"), "20300325T090000Z");
    assert.equal(field("UID"), `${dialogueId}@dialogi`);
    assert.ok(field("LOCATION")!.includes(TEAMS_LINK));
    assert.equal((await fetchPath(url.replace(/t=[^&]+/, "t=forged"))).status, 404);
  });

  it("exports registrants as formula-safe CSV from the organiser card's link", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const url = String(
      findAll(manage.card, "Action.OpenUrl").find((a) => String(a.url).includes("registrants.csv"))!.url,
    );
    const res = await fetchPath(url);
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]); // UTF-8 BOM so Excel reads ä/ö/å
    // Issue #27.13: for the Finnish organiser, as Finnish Excel splits it (';', quotes): Finnish
    // headers and values, Helsinki time, no formula cell (#26.6).
    const rows = splitLikeExcel(bytes.toString("utf8"), ";");
    assert.deepEqual(rows[0]!.slice(0, 8), [
      "Nimi",
      "Tila",
      "Keskustelukieli",
      "Organisaatio",
      "Tausta",
      "Kirjuriksi",
      "Saavutettavuustarpeet",
      "Ilmoittautunut (Helsingin aikaa)",
    ]);
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    // Registered at 08:00 UTC on 1 March = 10:00 in Helsinki (UTC+2 in winter).
    assert.deepEqual(row("Anna Svensson").slice(0, 10), [
      ...["Anna Svensson", "Ilmoittautunut", "ruotsi", '\'=HYPERLINK("x")', "Järjestö", "kyllä"],
      ...["", "1.3.2030 10:00", "ei", ""],
    ]);
    assert.match(
      row("Anna Svensson")[11]!,
      /^Erätauon pelisäännöt \(nykyiset, 4 sääntöä\) \(ruotsi, [0-9a-f]{8}\)$/,
    );
    assert.deepEqual(row("Kaisa Kallio").slice(1, 3), ["Jonossa", "suomi"]);
    assert.deepEqual(formulaCells(rows), []);
    // The organiser is named by an opaque handle, and the handle is signed.
    assert.ok(!url.includes("aad-organiser"), url);
    assert.equal((await fetchPath(url.replace(/u=[^&]+/, "u=aad-ben"))).status, 404);
  });

  it("cancelling promotes the first waitlisted person, who is told personally", async () => {
    // Cancelling asks first, in place on the card, and says what happens to the seat (issue #27 item 6).
    const own = await bot.execute(ben, "dialogue.refresh", { dialogueId });
    const ask = findAll(valid(own.card), "Action.ShowCard").find((a) =>
      JSON.stringify(a).includes("registration.cancel"),
    )!;
    assert.match(textOf(ask.card), /Your seat goes to the next person on the waitlist/);
    const top = (own.card!.actions ?? []) as { type: string; verb?: string }[];
    assert.ok(!top.some((a) => a.verb === "registration.cancel"), "no one-click cancel");
    const calls = connector.calls.length;
    const r = await bot.execute(
      ben,
      "registration.cancel",
      executeAction(ask.card, "registration.cancel")!.data,
    );
    const after = textOf(valid(r.card));
    assert.match(
      after,
      /Your registration was cancelled\. Your seat went to the next person on the waitlist\./,
    );
    assert.doesNotMatch(after, /All seats are taken/);
    const twice = await bot.execute(ben, "registration.cancel", { dialogueId });
    assert.match(textOf(valid(twice.card, twice)), /Your registration was already cancelled/);
    // The promotion goes through the outbox: wait for it to arrive.
    await waitFor(
      "Kaisa hears she got a seat",
      () => bot.sentTo(personalChat(kaisa), calls).some((c) => /paikka vapautui/.test(String(c.body.text))),
      15_000,
    );
    const forKaisa = await bot.execute(kaisa, "dialogue.refresh", { dialogueId });
    assert.match(textOf(forKaisa.card), /Olet ilmoittautunut/);
  });

  it("edits update every posted card; an outdated card changes nothing and shows the latest", async () => {
    const edit = await bot.execute(organiser, "dialogue.edit", { dialogueId, version: 1 });
    valid(edit.card);
    const save = executeAction(edit.card, "dialogue.save")!;
    assert.equal(save.data.version, 1);
    const calls = connector.calls.length;
    const saved = await bot.execute(organiser, "dialogue.save", {
      ...save.data,
      ...formInputs({
        startTime: "09:30",
        endTime: "11:30",
        capacity: "3",
        agenda: "09:30 Tervetuloa\n10:00 * Dialogit\n11:30 Loppu",
      }),
    });
    assert.match(textOf(valid(saved.card)), /Tallennettu/);
    const channelUpdate = bot.sentTo(CHANNEL, calls).find((c) => c.method === "PUT");
    assert.ok(channelUpdate, "the channel card was updated");
    assert.match(textOf(cardOf(channelUpdate.body)), /klo 9\.30–11\.30/);
    // Registrants' notices go through the durable outbox: its sender delivers them after the reply.
    await waitFor(
      "Kaisa's change notice",
      () => bot.sentTo(personalChat(kaisa), calls).some((c) => /muuttuneet/.test(String(c.body.text))),
      10_000,
    );

    const stale = await bot.execute(organiser, "dialogue.save", {
      ...save.data,
      ...formInputs({ title: "Vanha" }),
    });
    assert.match(textOf(valid(stale.card)), /Mitään ei muutettu/);
    const latest = await bot.execute(organiser, "dialogue.refresh", { dialogueId });
    assert.match(textOf(latest.card), /Hallinnon ja järjestöjen treffitori/);
  });

  it("enforces the registration deadline with the server clock", async () => {
    clock = new Date("2030-03-18T14:01:00Z"); // 16.01 Helsinki time, a minute past the deadline
    const r = await bot.execute(late, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    assert.match(String(r.message), /Ilmoittautuminen on päättynyt/);
    const view = await bot.execute(late, "dialogue.refresh", { dialogueId });
    assert.match(textOf(view.card), /Ilmoittautuminen on päättynyt/);
    assert.equal(executeAction(view.card, "registration.start"), undefined);
    clock = new Date("2030-03-01T08:00:00Z");
  });

  it("cancelling the dialogue tells every registrant and marks the posted cards", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const cancel = executeAction(manage.card, "dialogue.cancel")!;
    const calls = connector.calls.length;
    const r = await bot.execute(organiser, "dialogue.cancel", cancel.data);
    assert.match(textOf(valid(r.card)), /peruttiin/);
    await waitFor(
      "Kaisa's cancellation notice (through the outbox)",
      () => bot.sentTo(personalChat(kaisa), calls).some((c) => /on peruttu/.test(String(c.body.text))),
      10_000,
    );
    const update = bot.sentTo(CHANNEL, calls).find((c) => c.method === "PUT");
    assert.match(textOf(cardOf(update!.body)), /on peruttu/);
    const register = await bot.execute(late, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    assert.match(String(register.message), /peruttu/);
  });
});
