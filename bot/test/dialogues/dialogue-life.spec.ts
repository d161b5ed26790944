import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

const organiser: Actor = { userId: "aad-life-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const inSwedish: Actor = { ...organiser, locale: "sv-FI" };
const inEnglish: Actor = { ...organiser, locale: "en-GB" };
const anna: Actor = { userId: "aad-life-anna", userName: "Anna Svensson", locale: "sv-FI" };
const ben: Actor = { userId: "aad-life-ben", userName: "Ben Baker", locale: "en-GB" };
const kaisa: Actor = { userId: "aad-life-kaisa", userName: "Kaisa Kallio", locale: "fi-FI" };
const CHANNEL = "19:life-channel@thread.tacv2";

const FORM = {
  title: "Elinkaaren vartijat",
  description: "Kokeillaan dialogin elinkaaren suojauksia.",
  themes: "Mikä suojaa vahingoilta?",
  date: "2030-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_life%40thread.v2/0",
  address: "",
  capacity: "10",
  deadlineDate: "2030-03-18",
  deadlineTime: "16:00",
  languages: "fi,sv,en",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda:
    "09:00 Tervetuloa\n09:30 * Ensimmäinen kierros\n10:00 * Toinen kierros\n10:30 Yhteenveto\n11:00 Loppu",
};

/** The text of the confirmation a ShowCard action opens. */
function showCardText(card: Record<string, unknown>, title: RegExp): string {
  const action = findAll(card, "Action.ShowCard").find((a) => title.test(String(a.title)));
  assert.ok(action, `a ShowCard titled ${title}`);
  return textOf(action.card);
}

describe("a dialogue's life is guarded: early start, skipped rounds, closed after the end (fi/sv/en)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  const clock = new Date("2030-03-01T08:00:00Z"); // more than three weeks before the dialogue
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";
  const controls = (verb: string, data: Record<string, unknown> = {}, who = organiser) =>
    bot.execute(who, verb, { dialogueId, ...data });

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { PUBLIC_URL: "http://localhost:8443" },
      overrides: { now: () => clock },
    });
    bot = driver(app, connector);
    for (const a of [organiser, anna, ben, kaisa]) await bot.say(a, "help");
    const [form] = await bot.say(organiser, "uusi dialogi");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...FORM });
    dialogueId = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
    const reg = await bot.execute(kaisa, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    valid(reg.card, reg);
    await bot.say(organiser, `<at>Dialogi</at> julkaise ${dialogueId}`, {
      conversationType: "channel",
      conversationId: CHANNEL,
    });
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it("asks before starting a dialogue scheduled for later, and refuses an unconfirmed early start", async () => {
    const { card } = await controls("round.controls");
    valid(card);
    assert.equal(
      executeAction(card, "round.startDialogue")?.data.confirmEarly,
      true,
      "only the confirmed start",
    );
    assert.match(showCardText(card!, /Aloita dialogi/), /ajoitettu 25\.3\.2030.*aloittaa sen jo nyt/);
    const sv = (await controls("round.controls", {}, inSwedish)).card!;
    assert.match(showCardText(sv, /Starta dialogen/), /planerad till .*starta den redan nu/);
    const en = (await controls("round.controls", {}, inEnglish)).card!;
    assert.match(showCardText(en, /Start the dialogue/), /scheduled for .*start it now/);

    // An unconfirmed start (a card from before) starts nothing: the card asks again, in place.
    const refused = await controls("round.startDialogue");
    assert.match(textOf(refused.card), /ajoitettu 25\.3\.2030.*aloittaa sen jo nyt/);
    const refusedEn = await controls("round.startDialogue", {}, inEnglish);
    assert.match(textOf(refusedEn.card), /scheduled for .*start it now/);

    const started = await controls("round.startDialogue", { confirmEarly: true });
    valid(started.card, started);
    assert.equal(
      findAll(started.card, "Action.ShowCard").filter((a) => /Aloita dialogi/.test(String(a.title))).length,
      0,
    );
  });

  it("warns that planned rounds never ran before the dialogue is ended", async () => {
    const fi = (await controls("round.controls")).card!;
    assert.match(showCardText(fi, /Päätä dialogi/), /Kierrokset 1–2 \(2 kierrosta\) ovat vielä pitämättä/);
    const sv = (await controls("round.controls", {}, inSwedish)).card!;
    assert.match(showCardText(sv, /Avsluta dialogen/), /Omgångarna 1–2 \(2 omgångar\) har inte hållits/);
    const en = (await controls("round.controls", {}, inEnglish)).card!;
    assert.match(showCardText(en, /End the dialogue/), /Rounds 1–2 \(2 rounds\) have not been held/);
  });

  it("after the end: the posted invitation says so with no Register or seats; posting and registering are refused", async () => {
    const calls = connector.calls.length;
    const ended = await controls("round.endDialogue");
    valid(ended.card, ended);
    const update = bot.sentTo(CHANNEL, calls).find((c) => c.method === "PUT");
    assert.ok(update, "the posted invitation is refreshed");
    const posted = valid(cardOf(update.body));
    assert.match(textOf(posted), /Dialogi on päättynyt\. Ilmoittautuminen on suljettu\./);
    assert.doesNotMatch(textOf(posted), /Paikkoja/);
    assert.equal(executeAction(posted, "registration.start"), undefined);

    // Each types the command in their language (a Finnish command is answered in Finnish).
    for (const [who, text, command] of [
      [organiser, /Dialogi on päättynyt, joten sen kutsua ei voi enää julkaista/, "julkaise"],
      [inSwedish, /Dialogen har avslutats, så inbjudan kan inte längre publiceras/, "publicera"],
      [inEnglish, /The dialogue has ended, so its invitation can no longer be posted/, "post"],
    ] as const) {
      const before = connector.calls.length;
      const [reply] = await bot.say(who, `<at>Dialogi</at> ${command} ${dialogueId}`, {
        conversationType: "channel",
        conversationId: CHANNEL,
      });
      assert.match(String(reply?.text), text);
      assert.equal(
        bot
          .sentTo(CHANNEL, before)
          .filter((c) => Array.isArray((c.body as { attachments?: unknown }).attachments)).length,
        0,
        "no card posted",
      );
    }

    const annaTry = await bot.execute(anna, "registration.submit", {
      dialogueId,
      language: "sv",
      acceptRules: "true",
    });
    assert.match(String(annaTry.message), /Dialogen har avslutats/);
    const benView = await bot.execute(ben, "registration.start", { dialogueId });
    valid(benView.card, benView);
    assert.match(textOf(benView.card), /The dialogue has ended\. Registration is closed\./);
    assert.equal(executeAction(benView.card, "registration.start"), undefined);
    assert.equal(executeAction(benView.card, "registration.submit"), undefined);
  });
});
