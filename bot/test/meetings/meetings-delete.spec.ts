import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startGraphEmulator, type GraphEmulator, type GraphEvent } from "../../testing/graph-emulator";
import {
  createDialogueThroughBot,
  driver,
  executeAction,
  type Actor,
} from "../dialogues/conversation-helpers";
import { tableRows } from "../rounds/helpers";

const organiser: Actor = { userId: "aad-del-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const people: Actor[] = Array.from({ length: 6 }, (_, i) => ({
  userId: `aad-del-p${i}`,
  userName: `Pia Osallistuja${i}`,
  locale: "fi-FI",
}));

describe("deleting a dialogue cancels its Outlook event and deletes its room meetings (Graph emulated)", function () {
  this.timeout(90_000);
  let graph: GraphEmulator;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let bot: ReturnType<typeof driver>;
  let clock = new Date("2030-03-01T08:00:00Z");

  before(async () => {
    graph = await startGraphEmulator();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { ...graph.env, JOB_POLL_MS: "50" }, overrides: { now: () => clock } });
    bot = driver(app, connector);
  });
  after(async () => {
    await app.close();
    await connector.close();
    await graph.close();
  });
  afterEach(() => assert.deepEqual(graph.violations, [], "requests broke Graph's contract"));

  const eventOf = (id: string): GraphEvent | undefined =>
    [...graph.events.values()].find((e) => e.transactionId === `dialogi-${id}`);
  const roomsOf = (id: string) =>
    [...graph.meetings.values()].filter((m) => m.externalId.startsWith(`dialogi-${id}-room-`));

  /** A remote dialogue whose Teams meeting Graph makes (no link given), Finnish only. */
  const create = async (title: string) =>
    (
      await createDialogueThroughBot(bot, organiser, {
        title,
        meetingUrl: "",
        capacity: "20",
        languages: "fi",
      })
    ).dialogueId;

  it("`poista dialogi <id> vahvista`: the event is cancelled with a message, room meetings deleted, nothing stored", async () => {
    const id = await create("Poistettava dialogi");
    for (const a of people)
      await bot.execute(a, "registration.submit", { dialogueId: id, language: "fi", acceptRules: "true" });
    await graph.waitFor(() => (eventOf(id)?.attendees.length ?? 0) === people.length);
    clock = new Date("2030-03-25T07:25:00Z");
    await bot.execute(organiser, "round.startDialogue", { dialogueId: id });
    await bot.execute(organiser, "round.form", { dialogueId: id, round: 1 });
    await graph.waitFor(() => roomsOf(id).length >= 1);
    const rooms = roomsOf(id).length;

    // Without the confirming word nothing happens: the answer asks for it and the dialogue stays.
    // (Had it started the deletion, the Graph calls counted below would come twice.)
    const [asked] = await bot.say(organiser, `poista dialogi ${id}`);
    assert.match(String(asked!.text), new RegExp(`poista dialogi ${id} vahvista`));
    assert.notDeepEqual(await tableRows(app, "Dialogues", id), [], "the dialogue is still there");
    assert.equal(eventOf(id)!.isCancelled, false);
    assert.equal(roomsOf(id).length, rooms);

    const [done] = await bot.say(organiser, `poista dialogi ${id} vahvista`);
    assert.match(String(done!.text), new RegExp(id));
    await graph.waitFor(() => eventOf(id)?.isCancelled === true && roomsOf(id).length === 0);
    assert.match(String(eventOf(id)!.cancelComment), /perunut/);
    assert.equal(graph.events.size, 1, "cancelled, not re-created by a late sync");
    assert.deepEqual(await tableRows(app, "Dialogues", id), [], "the dialogue's rows are gone");
    const deletes = graph.calls.filter((c) => c.method === "DELETE");
    assert.equal(deletes.length, rooms, "each room meeting deleted once");
    const cancels = graph.calls.filter((c) => c.path.endsWith("/cancel") && c.path.includes(eventOf(id)!.id));
    assert.equal(cancels.length, 1, "the event cancelled once (by the confirmed command only)");
  });

  it("deleted while Graph is making its event or a room meeting: both are undone, nothing stored", async () => {
    clock = new Date("2030-03-01T08:00:00Z");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const making = (method: string, path: string) => method === "POST" && /\/events$/.test(path);
    graph.options.holdAnswer = (method, path) => (making(method, path) ? held : undefined);
    try {
      const id = await create("Kesken luonnin poistettu");
      await graph.waitFor(() => !!eventOf(id)); // Graph made it; the app has no answer yet
      const [done] = await bot.say(organiser, `poista dialogi ${id} vahvista`);
      assert.match(String(done!.text), new RegExp(id));
      assert.equal(eventOf(id)!.isCancelled, false, "the deletion could not know the event");
      release();
      await graph.waitFor(() => eventOf(id)?.isCancelled === true);
      assert.match(String(eventOf(id)!.cancelComment), /perunut/);
      await new Promise((r) => setTimeout(r, 300)); // the sync's last writes
      assert.deepEqual(await tableRows(app, "Dialogues", id), [], "no meeting state left behind");
    } finally {
      graph.options.holdAnswer = undefined;
      release();
    }

    // The same for a breakout room's meeting made while the dialogue is deleted.
    const other = await create("Huoneen luonnin aikana poistettu");
    for (const a of people.slice(0, 4))
      await bot.execute(a, "registration.submit", { dialogueId: other, language: "fi", acceptRules: "true" });
    await graph.waitFor(() => (eventOf(other)?.attendees.length ?? 0) === 4);
    let open!: () => void;
    const roomHeld = new Promise<void>((r) => (open = r));
    graph.options.holdAnswer = (method, path) =>
      method === "POST" && path.endsWith("/onlineMeetings/createOrGet") ? roomHeld : undefined;
    try {
      clock = new Date("2030-03-25T07:25:00Z");
      await bot.execute(organiser, "round.startDialogue", { dialogueId: other });
      const forming = bot.execute(organiser, "round.form", { dialogueId: other, round: 1 });
      await graph.waitFor(() => roomsOf(other).length >= 1);
      await bot.say(organiser, `poista dialogi ${other} vahvista`);
      open();
      await forming.catch(() => undefined); // its answer may say the dialogue is gone
      await graph.waitFor(() => roomsOf(other).length === 0 && eventOf(other)?.isCancelled === true);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(await tableRows(app, "Dialogues", other), [], "no room rows left behind");
    } finally {
      graph.options.holdAnswer = undefined;
      open();
    }
  });

  it("a dialogue cancelled first is not cancelled again; an outage is retried", async () => {
    clock = new Date("2030-03-01T08:00:00Z");
    const id = await create("Peruttu ja poistettu");
    await graph.waitFor(() => !!eventOf(id));
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId: id });
    await bot.execute(organiser, "dialogue.cancel", executeAction(manage.card, "dialogue.cancel")!.data);
    await graph.waitFor(() => eventOf(id)?.isCancelled === true);
    const cancels = () =>
      graph.calls.filter((c) => c.path.endsWith("/cancel") && c.path.includes(eventOf(id)!.id));
    assert.equal(cancels().length, 1);
    await bot.say(organiser, `poista dialogi ${id} vahvista`);
    assert.deepEqual(await tableRows(app, "Dialogues", id), [], "deleted");

    const other = await create("Katkon aikana poistettu");
    await graph.waitFor(() => !!eventOf(other));
    graph.options.down = true;
    await bot.say(organiser, `poista dialogi ${other} vahvista`);
    await graph.waitFor(() => graph.calls.some((c) => c.path.endsWith("/cancel") && c.status === 500));
    // The later deletion's cancel has been tried, so the earlier one's would have been too.
    assert.equal(cancels().length, 1, "no second cancellation");
    assert.equal(eventOf(other)!.isCancelled, false);
    graph.options.down = false;
    // The runner stamps the retry with the clock of the moment it records the failure, which may
    // come after this line: move the clock on at every poll until the retry has run.
    await graph.waitFor(() => {
      clock = new Date(clock.getTime() + 60_000);
      return eventOf(other)?.isCancelled === true;
    });
  });
});
