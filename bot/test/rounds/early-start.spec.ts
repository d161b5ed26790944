import assert from "node:assert/strict";
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
import { formInputs, organiser, PUBLIC_URL } from "./flow/story";
import { REGISTRANTS, tableRows } from "./helpers";

const inSwedish: Actor = { ...organiser, locale: "sv-FI" };
const inEnglish: Actor = { ...organiser, locale: "en-GB" };

/** The confirmed start the card offers after an early click (`verb` with `confirmEarly`), if any. */
const confirmAction = (card: unknown, verb: string) =>
  findAll(card, "Action.Execute").find(
    (a) => a.verb === verb && (a.data as Record<string, unknown>).confirmEarly === true,
  ) as { title: string; data: Record<string, unknown> } | undefined;

/**
 * Issue #27 item 3 on the bot's controls card: a start well before the scheduled time (the
 * dialogue's, or round 1's, which starts the dialogue too) does nothing and the card refreshes
 * into a confirm step, in the facilitator's language; the confirmed start goes through, once.
 */
describe("controls card: starting before the scheduled day asks once, in place (fi/sv/en)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";
  // More than three weeks before the dialogue (25.3.2030 9.00).
  const clock = new Date("2030-03-01T08:00:00Z");
  const controls = (verb: string, data: Record<string, unknown> = {}, who = organiser) =>
    bot.execute(who, verb, { dialogueId, ...data });
  const state = async () =>
    (await tableRows(app, "Groups", dialogueId)).find((r) => r.rowKey === "state") ?? {};

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { PUBLIC_URL }, overrides: { now: () => clock } });
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
        background: "resident",
        scribe: String(r.scribe),
        acceptRules: "true",
      });
      valid(res.card, res);
    }
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it("an unconfirmed 'Start the dialogue' (a card from before) refreshes into the confirm step", async () => {
    const asked = await controls("round.startDialogue");
    assert.equal(asked.message, undefined, "no message pointing elsewhere");
    const card = valid(asked.card, asked);
    assert.match(textOf(card), /Dialogi on ajoitettu 25\.3\.2030.*Haluatko varmasti aloittaa sen jo nyt\?/);
    assert.equal(confirmAction(card, "round.startDialogue")?.title, "Aloita silti nyt");
    assert.ok(executeAction(card, "round.controls"), "a way back (cancel)");
    assert.equal((await state()).phase ?? "notStarted", "notStarted", "nothing was started");
  });

  it("'Start round 1' before the day starts nothing and asks in place (fi/sv/en); confirmed, the round starts", async () => {
    const formed = valid((await controls("round.form", { round: 1 })).card);
    assert.ok(executeAction(formed, "round.start"), "the card offers Start round 1");
    const sent = connector.calls.length;

    const fi = await controls("round.start", { round: 1 });
    const card = valid(fi.card, fi);
    assert.match(
      textOf(card),
      /ajoitettu 25\.3\.2030.*Kierroksen 1 aloittaminen nyt aloittaa dialogin etuajassa/,
    );
    const confirm = confirmAction(card, "round.start");
    assert.equal(confirm?.title, "Aloita silti nyt");
    assert.equal(confirm?.data.round, 1);
    const st = await state();
    assert.equal(st.phase, "notStarted", "the dialogue was not started");
    assert.equal(st.running, false, "no round runs");

    const sv = valid((await controls("round.start", { round: 1 }, inSwedish)).card);
    assert.match(textOf(sv), /planerad till .*Om omgång 1 startas nu startar dialogen i förtid/);
    assert.equal(confirmAction(sv, "round.start")?.title, "Starta ändå nu");
    const en = valid((await controls("round.start", { round: 1 }, inEnglish)).card);
    assert.match(textOf(en), /scheduled for .*Starting round 1 now starts the dialogue early/);
    assert.equal(confirmAction(en, "round.start")?.title, "Start now anyway");
    assert.equal(
      connector.calls.length,
      sent,
      "asking sends nobody anything (no group cards, no announcements)",
    );

    const started = await controls("round.start", { ...confirm!.data });
    const after = valid(started.card, started);
    assert.match(textOf(after), /Kierros 1 alkoi/);
    assert.equal(confirmAction(after, "round.start"), undefined, "asked once: no second question");
    const now = await state();
    assert.equal(now.phase, "started");
    assert.equal(now.running, true);
  });
});
