import assert from "node:assert/strict";
import { waitFor } from "../../testing/outbox-fleet";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";
import {
  ben,
  CHANNEL,
  formInputs,
  kaisa,
  late,
  organiser,
  REGISTRATION_TIME,
  useDialogueFlow,
  type DialogueFlow,
} from "./dialogue-flow-setup";

/**
 * Changes after people registered: a cancellation promotes the waitlist, edits reach every posted
 * card, the deadline holds, and cancelling the dialogue tells everyone.
 */
describe("dialogues through /api/messages: cancelling, editing, the deadline", function () {
  this.timeout(60_000);
  const flow = useDialogueFlow({ register: true });
  let bot: DialogueFlow["bot"];
  let connector: DialogueFlow["connector"];
  let dialogueId = "";
  before(() => ({ bot, connector, dialogueId } = flow));
  const personalChat = (a: Actor) => flow.personalChat(a);

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
    flow.clock = new Date("2030-03-18T14:01:00Z"); // 16.01 Helsinki time, a minute past the deadline
    const r = await bot.execute(late, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    assert.match(String(r.message), /Ilmoittautuminen on päättynyt/);
    const view = await bot.execute(late, "dialogue.refresh", { dialogueId });
    assert.match(textOf(view.card), /Ilmoittautuminen on päättynyt/);
    assert.equal(executeAction(view.card, "registration.start"), undefined);
    flow.clock = new Date(REGISTRATION_TIME);
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
