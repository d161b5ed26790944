import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startGraphEmulator, type GraphEmulator, type GraphEvent } from "../../testing/graph-emulator";
import {
  cardOf,
  driver,
  executeAction,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "../rounds/helpers";
import { createLinkRepository, threadIdOf } from "../../src/features/meetings";

const organiser: Actor = { userId: "aad-meet-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const ben: Actor = { userId: "aad-meet-ben", userName: "Ben Baker", locale: "en-GB" };
const kaisa: Actor = { userId: "aad-meet-kaisa", userName: "Kaisa Kallio", locale: "fi-FI" };
const late: Actor = { userId: "aad-meet-late", userName: "Lasse Myöhä", locale: "fi-FI" };
const more: Actor[] = Array.from({ length: 6 }, (_, i) => ({
  userId: `aad-meet-p${i}`,
  userName: `Pia Osallistuja${i}`,
  locale: "fi-FI",
}));

/** The form inputs as Teams merges them into the Action.Execute data (no pasted link). */
function formInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Hallinto & järjestöt <yhdessä>",
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä? <script>x</script>",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "",
    address: "",
    capacity: "2",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi",
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Pienryhmät\n10:00 * Pienryhmät: syvennetään\n10:45 Yhteenveto",
    ...overrides,
  };
}

describe("Teams meetings through Graph (emulated), end to end through /api/messages", function () {
  this.timeout(120_000);
  let graph: GraphEmulator;
  let app: TestApp;
  let connector: ConnectorRecorder;
  let clock = new Date("2030-03-01T08:00:00Z");
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";

  before(async () => {
    graph = await startGraphEmulator();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { ...graph.env, JOB_POLL_MS: "50" }, overrides: { now: () => clock } });
    bot = driver(app, connector);
    for (const a of [organiser, ben, kaisa, late, ...more]) await bot.say(a, "help");
  });
  after(async () => {
    await app.close();
    await connector.close();
    await graph.close();
  });
  afterEach(() => assert.deepEqual(graph.violations, [], "requests broke Graph's contract"));

  const eventOf = (id: string): GraphEvent | undefined =>
    [...graph.events.values()].find((e) => e.transactionId === `dialogi-${id}`);
  const attendees = (id: string) => (eventOf(id)?.attendees ?? []).map((a) => a.emailAddress.address).sort();
  const mails = (...actors: Actor[]) => actors.map((a) => graph.mailOf(a.userId)).sort();

  async function create(overrides: Record<string, string> = {}): Promise<string> {
    const [form] = await bot.say(organiser, "uusi dialogi");
    const formCard = valid(cardOf(form));
    assert.match(textOf(formCard), /Teams-kokous ja Outlook-kutsut luodaan automaattisesti/);
    const action = executeAction(formCard, "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", {
      ...action.data,
      ...formInputs(overrides),
    });
    return String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
  }
  const register = (a: Actor, id = dialogueId) =>
    bot.execute(a, "registration.submit", { dialogueId: id, language: "fi", acceptRules: "true" });

  it("creating a remote dialogue without a link makes one Outlook event with a Teams meeting", async () => {
    dialogueId = await create();
    await graph.waitFor(() => !!eventOf(dialogueId));
    const event = eventOf(dialogueId)!;
    assert.equal(event.organiser, organiser.userId);
    assert.equal(event.subject, "Hallinto & järjestöt <yhdessä>");
    assert.deepEqual(event.start, { dateTime: "2030-03-25T09:00:00", timeZone: "Europe/Helsinki" });
    assert.deepEqual(event.end, { dateTime: "2030-03-25T11:00:00", timeZone: "Europe/Helsinki" });
    assert.equal(event.isOnlineMeeting, true);
    assert.equal(event.onlineMeetingProvider, "teamsForBusiness");
    assert.equal(event.body.contentType, "html");
    assert.match(event.body.content, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(event.body.content, /<script>/);
    assert.match(event.body.content, /09\.30 Pienryhmät \(pienryhmät\)|09:30 Pienryhmät/);
    assert.equal(graph.events.size, 1);
    // The meeting's side panel finds the dialogue by the meeting chat's thread id (from the join link).
    const thread = threadIdOf(event.onlineMeeting!.joinUrl)!;
    assert.match(thread, /^19:meeting_\w+@thread\.v2$/);
    const links = createLinkRepository(app.app.store.table("Dialogues"));
    let linked: string | undefined;
    for (let i = 0; i < 100 && !linked; i++) {
      linked = (await links.find(thread))?.dialogueId;
      if (!linked) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(linked, dialogueId);
  });

  it("registered people see the meeting's join link; attendees follow confirm, cancel and waitlist promotion", async () => {
    const joinUrl = eventOf(dialogueId)!.onlineMeeting!.joinUrl;
    await register(ben);
    await register(kaisa);
    const waiting = await register(late);
    assert.match(textOf(waiting.card), /jonossa/i);
    await graph.waitFor(() => attendees(dialogueId).length === 2);
    assert.deepEqual(attendees(dialogueId), mails(ben, kaisa));
    const shown = await bot.execute(ben, "registration.start", { dialogueId });
    assert.ok(
      findAll(shown.card, "Action.OpenUrl").some((a) => a.url === joinUrl) ||
        textOf(shown.card).includes(joinUrl),
      "the join link is on Ben's invitation",
    );
    const attendee = eventOf(dialogueId)!.attendees[0]!;
    assert.equal(attendee.type, "required");
    assert.ok(["Ben Baker", "Kaisa Kallio"].includes(attendee.emailAddress.name!));

    await bot.execute(kaisa, "registration.cancel", { dialogueId });
    await graph.waitFor(() => attendees(dialogueId).join() === mails(ben, late).join());
    assert.equal(graph.events.size, 1, "still one event");
  });

  it("editing the time or title updates the event", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const edit = executeAction(manage.card, "dialogue.edit")!;
    const form = await bot.execute(organiser, "dialogue.edit", edit.data);
    const save = executeAction(form.card, "dialogue.save")!;
    const joinUrl = eventOf(dialogueId)!.onlineMeeting!.joinUrl;
    const values = Object.fromEntries(
      findAll(form.card, "Input.Text")
        .concat(findAll(form.card, "Input.ChoiceSet"), findAll(form.card, "Input.Number"))
        .map((i) => [String(i.id), String(i.value ?? "")]),
    );
    assert.equal(values.meetingUrl, joinUrl, "the edit form shows the made link");
    const saved = await bot.execute(organiser, "dialogue.save", {
      ...save.data,
      ...formInputs({
        title: "Hallinto ja järjestöt",
        startTime: "10:00",
        endTime: "12:00",
        meetingUrl: joinUrl,
      }),
      agenda: "10:00 Tervetuloa\n10:30 * Pienryhmät\n11:00 * Pienryhmät: syvennetään\n11:45 Yhteenveto",
    });
    valid(saved.card, saved);
    await graph.waitFor(() => eventOf(dialogueId)?.subject === "Hallinto ja järjestöt");
    assert.deepEqual(eventOf(dialogueId)!.start, {
      dateTime: "2030-03-25T10:00:00",
      timeZone: "Europe/Helsinki",
    });
    assert.equal(eventOf(dialogueId)!.isOnlineMeeting, true);
    assert.equal(graph.events.size, 1);
  });

  it("forming groups makes one Teams meeting per room, once: re-forming and later rounds reuse them", async () => {
    const id = await create({ capacity: "20", title: "Pienryhmädialogi" });
    for (const a of [ben, kaisa, late, ...more]) await register(a, id);
    clock = new Date("2030-03-25T07:25:00Z");
    const controls = (verb: string, data: Record<string, unknown> = {}) =>
      bot.execute(organiser, verb, { dialogueId: id, ...data });
    await controls("round.startDialogue");
    const formed = await controls("round.form", { round: 1 });
    valid(formed.card, formed);
    const roomsOf = () =>
      [...graph.meetings.values()].filter((m) => m.externalId.startsWith(`dialogi-${id}-room-`));
    await graph.waitFor(() => roomsOf().length >= 2);
    const made = roomsOf().length;
    const calls = () => graph.calls.filter((c) => c.path.endsWith("/onlineMeetings/createOrGet")).length;
    const callsBefore = calls();
    await controls("round.form", { round: 1 });
    const view = await controls("round.controls");
    const links = roomsOf().map((m) => m.joinWebUrl);
    assert.ok(
      links.every((l) => findAll(view.card, "Action.OpenUrl").some((a) => a.url === l)),
      "the facilitator's room list has every link",
    );
    const mark = connector.calls.length;
    await controls("round.start", { round: 1 });
    for (const a of [ben, late, ...more]) {
      await eventually(`group card for ${a.userId}`, () =>
        personalActivities(connector, a.userId, mark).some((x) =>
          findAll(cardOf(x), "Action.OpenUrl").some((o) => links.includes(String(o.url))),
        ),
      );
    }
    await controls("round.end", { round: 1 });
    await controls("round.start", { round: 2 });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(roomsOf().length, made, "no new room meetings");
    assert.ok(calls() - callsBefore <= made, "re-forming and round 2 made no new meetings");
    assert.equal(new Set(roomsOf().map((m) => m.externalId)).size, made);
  });

  it("cancelling the dialogue cancels the event with a comment", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const cancel = executeAction(manage.card, "dialogue.cancel")!;
    await bot.execute(organiser, "dialogue.cancel", cancel.data);
    await graph.waitFor(() => eventOf(dialogueId)?.isCancelled === true);
    assert.match(String(eventOf(dialogueId)!.cancelComment), /perunut/);
  });

  it("429s with Retry-After are retried: still exactly one event", async () => {
    clock = new Date("2030-03-01T08:00:00Z");
    graph.options.throttleEvery = 2;
    const before = graph.throttled;
    try {
      const id = await create({ title: "Kuormitettu dialogi" });
      await register(ben, id);
      await graph.waitFor(() => attendees(id).length === 1);
      assert.ok(graph.throttled > before, "the emulator throttled");
      assert.equal([...graph.events.values()].filter((e) => e.subject === "Kuormitettu dialogi").length, 1);
    } finally {
      graph.options.throttleEvery = 0;
    }
  });

  it("Graph refusing (403): the dialogue and registration still work, the organiser is told once", async () => {
    graph.options.forbidden = true;
    try {
      const mark = connector.calls.length;
      const id = await create({ title: "Ilman lupaa" });
      const r = await register(ben, id);
      assert.match(textOf(r.card), /Olet ilmoittautunut|registered/i);
      await eventually("the organiser's notice", () =>
        personalActivities(connector, organiser.userId, mark).some((a) =>
          /Microsoft Graph kieltäytyi/.test(String(a.text)),
        ),
      );
      // Recorded once in the outbox under the problem's key, whatever number of syncs hit the 403.
      const rows = (await app.app.outbox.outbox.deliveries(id)).filter((r) => r.label === "meetingProblem");
      assert.deepEqual(
        rows.map((r) => [r.decisionKey, r.recipient]),
        [["meetings-forbidden", organiser.userId]],
      );
      const notices = personalActivities(connector, organiser.userId, mark).filter((a) =>
        /Microsoft Graph kieltäytyi/.test(String(a.text)),
      );
      assert.equal(notices.length, 1);
    } finally {
      graph.options.forbidden = false;
    }
  });

  it("Graph down: registration works, the organiser is told, and a later retry makes the event", async () => {
    graph.options.down = true;
    const mark = connector.calls.length;
    const id = await create({ title: "Katkon aikana" });
    await register(ben, id);
    await eventually("the organiser's outage notice", () =>
      personalActivities(connector, organiser.userId, mark).some((a) =>
        /Microsoft Graph ei juuri nyt vastaa/.test(String(a.text)),
      ),
    );
    assert.equal(eventOf(id), undefined);
    graph.options.down = false;
    clock = new Date(clock.getTime() + 10 * 60_000); // past the job's retry backoff
    await graph.waitFor(() => attendees(id).length === 1);
  });
});

describe("without Graph", () => {
  it("the form says links are pasted, and a remote dialogue still needs one", async function () {
    this.timeout(30_000);
    const connector = await startConnectorRecorder();
    const app = await startTestApp();
    try {
      const bot = driver(app, connector);
      const [form] = await bot.say(organiser, "uusi dialogi");
      const card = valid(cardOf(form));
      assert.match(textOf(card), /Teams-kokouksia ei luoda automaattisesti/);
      const action = executeAction(card, "dialogue.create")!;
      const refused = await bot.execute(organiser, "dialogue.create", { ...action.data, ...formInputs() });
      assert.match(textOf(refused.card), /tarvitsee Teams-kokouksen linkin/);
    } finally {
      await app.close();
      await connector.close();
    }
  });
});
