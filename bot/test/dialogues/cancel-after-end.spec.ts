import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createDialogueThroughBot, driver, textOf, valid, type Actor } from "./conversation-helpers";
import { personalActivities, tableRows } from "../rounds/helpers";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { waitFor } from "../../testing/outbox-fleet";

const organiser: Actor = { userId: "aad-cae-org", userName: "Olli Järjestäjä", locale: "fi-FI" };
const seated: Actor = { userId: "aad-cae-seated", userName: "Sanna Istuva", locale: "fi-FI" };
const queued: Actor = { userId: "aad-cae-queued", userName: "Jussi Jonottaja", locale: "fi-FI" };

/**
 * Found in the second #27 walkthrough: a cancel after the dialogue is over (an old card, or the
 * public page's cancel and "delete my data") passed the seat to the next in line, who was then
 * told "you got a seat" for a dialogue nobody can attend any more. After the end nobody is
 * promoted; an old card clicked after a facilitator ended the dialogue says it has ended, not
 * "your registration was already cancelled".
 */
describe("cancelling after the dialogue is over passes no seat on", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  // Registration is open on 1.3.2030; the dialogue is on 25.3.2030 9–11 (Helsinki).
  let clock = new Date("2030-03-01T08:00:00Z");
  const statuses = async (dialogueId: string) =>
    Object.fromEntries(
      (await tableRows(app, "Registrations", dialogueId))
        .filter((r) => r.rowKey !== "~counts")
        .map((r) => [r.rowKey, r.status]),
    );

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ overrides: { now: () => clock } });
    bot = driver(app, connector);
    for (const a of [organiser, seated, queued]) await bot.say(a, "help");
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  async function fullDialogue() {
    clock = new Date("2030-03-01T08:00:00Z");
    const { dialogueId } = await createDialogueThroughBot(bot, organiser, { capacity: "1" });
    for (const who of [seated, queued]) {
      const res = await bot.execute(who, "registration.submit", {
        dialogueId,
        language: "fi",
        acceptRules: "true",
      });
      valid(res.card, res);
    }
    assert.deepEqual(await statuses(dialogueId), {
      [seated.userId]: "confirmed",
      [queued.userId]: "waitlisted",
    });
    return dialogueId;
  }

  /** Every message the dialogue's decisions queued has been worked (sent or given up). */
  const outboxSettled = (dialogueId: string) =>
    waitFor(
      "the dialogue's outbox rows to be worked",
      async () =>
        (await app.app.outbox.outbox.deliveries(dialogueId)).every((row) => row.status !== "pending"),
      15_000,
    );

  it("past its end time, a cancel frees the seat but promotes nobody and tells nobody", async () => {
    const dialogueId = await fullDialogue();
    clock = new Date("2030-03-25T09:30:00Z"); // 11.30 in Helsinki: over
    // Notices go through the outbox: count only once the waitlist notice has arrived.
    await outboxSettled(dialogueId);
    const told = personalActivities(connector, queued.userId).length;
    assert.ok(told >= 1, "the waitlisted person was told they are on the waitlist");
    const res = await bot.execute(seated, "registration.cancel", { dialogueId });
    valid(res.card, res);
    assert.deepEqual(await statuses(dialogueId), {
      [seated.userId]: "cancelled",
      [queued.userId]: "waitlisted",
    });
    // A promotion would be a queued row: once the outbox is settled, nothing new arrived.
    await outboxSettled(dialogueId);
    assert.equal(personalActivities(connector, queued.userId).length, told, "no 'you got a seat' message");
  });

  it("after a facilitator ended it, an old card's cancel says it has ended and changes nothing", async () => {
    const dialogueId = await fullDialogue();
    clock = new Date("2030-03-25T08:30:00Z");
    const dialogues = createDialogueRepository(app.app.store.table("Dialogues"));
    const d = (await dialogues.get(dialogueId))!;
    await dialogues.update({ ...d, endedAt: clock, version: d.version + 1 }, d.version);
    const res = await bot.execute(seated, "registration.cancel", { dialogueId });
    const text = textOf(valid(res.card, res));
    assert.match(text, /Dialogi on päättynyt/);
    assert.doesNotMatch(text, /jo peruttu/, "not 'already cancelled'");
    assert.deepEqual(await statuses(dialogueId), {
      [seated.userId]: "confirmed",
      [queued.userId]: "waitlisted",
    });
  });
});
