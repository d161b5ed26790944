import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "../rounds/helpers";

const THREAD = "19:meeting_Tm90aWZ5TWVldGluZw@thread.v2";
/** The meeting id as Teams puts it in channelData (base64 of "0#<thread>#0"). */
const MEETING_ID = Buffer.from(`0#${THREAD}#0`).toString("base64");
const JOIN_URL = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%7d`;

const organiser: Actor = { userId: "aad-note-organiser", userName: "Olli Ohjaaja", locale: "fi-FI" };
const finns: Actor[] = Array.from({ length: 12 }, (_, i) => ({
  userId: `aad-note-fi${String(i).padStart(2, "0")}`,
  userName: `Pia Osallistuja${i}`,
  locale: "fi-FI",
}));
const swede: Actor = { userId: "aad-note-sv", userName: "Stina Sjöberg", locale: "sv-FI" };

function formInputs(overrides: Record<string, string>): Record<string, string> {
  return {
    title: "Kokousilmoitukset",
    description: "Kierrosten ilmoitukset kokouksessa.",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    address: "",
    capacity: "20",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi,sv",
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Pienryhmät\n10:00 * Pienryhmät: syvennetään\n10:45 Yhteenveto",
    ...overrides,
  };
}

describe("in-meeting notifications for rounds, through /api/messages and the round jobs", function () {
  this.timeout(120_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  const T0 = new Date("2030-03-25T07:25:00Z");
  let clock = new Date("2030-03-01T08:00:00Z");
  let bot: ReturnType<typeof driver>;
  const logLines: string[] = [];

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { JOB_POLL_MS: "50", PUBLIC_URL: "http://127.0.0.1:3978" },
      overrides: { now: () => clock },
      logLines,
    });
    bot = driver(app, connector);
    for (const a of [organiser, swede, ...finns]) await bot.say(a, "help");
  });
  after(async () => {
    if (process.env.DEBUG_NOTICES)
      console.log(logLines.filter((l) => /meeting|round|warn|error/i.test(l)).join("\n"));
    await app.close();
    await connector.close();
  });
  afterEach(() => assert.deepEqual(connector.violations, [], "requests broke the connector's contract"));

  async function create(overrides: Record<string, string>): Promise<string> {
    const [form] = await bot.say(organiser, "uusi dialogi");
    const action = executeAction(valid(cardOf(form)), "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", {
      ...action.data,
      ...formInputs(overrides),
    });
    return String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
  }
  async function registerAll(id: string) {
    for (const a of finns)
      await bot.execute(a, "registration.submit", { dialogueId: id, language: "fi", acceptRules: "true" });
    await bot.execute(swede, "registration.submit", { dialogueId: id, language: "sv", acceptRules: "true" });
  }
  const controls = (id: string, verb: string, data: Record<string, unknown> = {}) =>
    bot.execute(organiser, verb, { dialogueId: id, ...data });

  /** Teams tells the bot someone joined the meeting; the activity carries the meeting's id. */
  async function joinEvent(meetingId: string) {
    const activity = {
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        conversationType: "groupChat",
        conversationId: THREAD,
      }),
      type: "event",
      name: "application/vnd.microsoft.meetingParticipantJoin",
      text: undefined,
      channelData: { tenant: { id: "tenant-0001" }, meeting: { id: meetingId } },
      value: {
        members: [
          { user: { id: `29:${swede.userId}`, aadObjectId: swede.userId }, meeting: { inMeeting: true } },
        ],
      },
    };
    assert.equal((await app.postActivity(activity)).status, 200);
  }

  const everyone = () => new Set([...finns, swede].map((a) => `29:${a.userId}`));
  /** Notifications since `from` whose stage title matches `title`, with each call's recipients. */
  const noticesSince = (from: number, title: RegExp) =>
    connector
      .meetingNotifications()
      .slice(from)
      .filter((n) => {
        const stage = n.body.value.surfaces.find((s) => s.surface === "meetingStage");
        return title.test(String(stage?.content?.value?.title));
      });
  const recipientsOf = (notices: ReturnType<typeof noticesSince>) =>
    notices.flatMap((n) => n.body.value.recipients).sort();
  const quiet = () => new Promise((r) => setTimeout(r, 700));

  let linked = "";

  it("round start: one in-meeting notification per language batch, to exactly the round's members", async () => {
    linked = await create({ meetingUrl: JOIN_URL });
    await registerAll(linked);
    await joinEvent(MEETING_ID);
    clock = T0;
    await controls(linked, "round.startDialogue");
    valid((await controls(linked, "round.form", { round: 1 })).card);
    const mark = connector.meetingNotifications().length;
    const cardsMark = connector.calls.length;
    await controls(linked, "round.start", { round: 1 });
    const start = /^(Kierros 1 alkoi|Omgång 1 har börjat)/;
    await eventually("start notices to all 13", () => recipientsOf(noticesSince(mark, start)).length >= 13);
    const notices = noticesSince(mark, start);
    assert.deepEqual(recipientsOf(notices), [...everyone()].sort(), "exactly the members, each once");
    assert.ok(notices.every((n) => n.meetingId === MEETING_ID));
    assert.deepEqual(
      notices.map((n) => n.body.value.recipients.length).sort((x, y) => x - y),
      [1, 2, 10],
      "batches of at most 10, one language each",
    );
    const svCall = notices.find((n) => n.body.value.recipients.includes(`29:${swede.userId}`))!;
    assert.deepEqual(
      svCall.body.value.recipients,
      [`29:${swede.userId}`],
      "the Swedish reader gets her own call",
    );
    assert.match(String(svCall.body.value.surfaces[0]!.content!.value!.title), /^Omgång 1 har börjat/);
    assert.ok(notices.every((n) => n.body.value.surfaces.some((s) => s.surface === "meetingTabIcon")));
    const stage = notices[0]!.body.value.surfaces.find((s) => s.surface === "meetingStage")!;
    assert.equal(stage.content!.value!.url, "http://127.0.0.1:3978/#/facilitator", "opens the meeting view");
    // Besides, not instead of, the personal group cards.
    await eventually(
      "personal group cards",
      () => personalActivities(connector, swede.userId, cardsMark).length > 0,
    );
  });

  it("extend re-times the 2-minute notice; ending the round sends the end notice", async () => {
    await controls(linked, "round.extend", { round: 1, minutes: 5 });
    const two = /^(Kierros 1: 2 minuuttia|Omgång 1: 2 minuter)/;
    const mark = connector.meetingNotifications().length;
    clock = new Date(T0.getTime() + 29 * 60_000); // past the old 2-minute mark (28), before the new one (33)
    await quiet();
    assert.equal(noticesSince(mark, two).length, 0, "nothing at the old time");
    clock = new Date(T0.getTime() + 33.5 * 60_000);
    await eventually("2-minute notices", () => recipientsOf(noticesSince(mark, two)).length >= 13);
    assert.deepEqual(recipientsOf(noticesSince(mark, two)), [...everyone()].sort());
    assert.match(recipientsOf(noticesSince(mark, two)).join(), /aad-note-fi00/);

    const endMark = connector.meetingNotifications().length;
    await controls(linked, "round.end", { round: 1 });
    const over = /^(Kierros 1 on päättynyt|Omgång 1 är slut)/;
    await eventually("end notices", () => recipientsOf(noticesSince(endMark, over)).length >= 13);
    assert.deepEqual(recipientsOf(noticesSince(endMark, over)), [...everyone()].sort());
    clock = new Date(T0.getTime() + 40 * 60_000); // past the withdrawn end timer
    await quiet();
    assert.equal(
      noticesSince(endMark, over).length,
      noticesSince(endMark, /./).length,
      "only the end notice",
    );
    // 12 Finnish readers in two calls (10 + 2), the Swedish one in her own: the timer sent no more.
    assert.equal(noticesSince(endMark, over).length, 3);
  });

  it("a meeting that refuses (403, bot not in the meeting) does not break the round", async () => {
    connector.refuseMeetings.add(MEETING_ID);
    try {
      const cardsMark = connector.calls.length;
      const mark = connector.meetingNotifications().length;
      // Forming round 1 formed round 2 too.
      const started = await controls(linked, "round.start", { round: 2 });
      valid(started.card, started);
      await eventually("refused start notices", () => connector.meetingNotifications().length > mark);
      for (const a of [swede, ...finns])
        await eventually(
          `group card for ${a.userId}`,
          () => personalActivities(connector, a.userId, cardsMark).length > 0,
        );
      const view = await controls(linked, "round.controls");
      valid(view.card, view);
    } finally {
      connector.refuseMeetings.delete(MEETING_ID);
    }
    // The meeting chat's reference survived the 403: the end notice goes out.
    const mark = connector.meetingNotifications().length;
    await controls(linked, "round.end", { round: 2 });
    await eventually(
      "end notice after a refusal",
      () => noticesSince(mark, /Kierros 2 on päättynyt/).length > 0,
    );
  });

  it("a dialogue not linked to a Teams meeting gets its personal cards and no notification", async () => {
    clock = new Date("2030-03-01T08:00:00Z");
    const id = await create({ meetingUrl: "https://meet.example.org/dialogi", title: "Ilman Teamsia" });
    await registerAll(id);
    clock = T0;
    await controls(id, "round.startDialogue");
    valid((await controls(id, "round.form", { round: 1 })).card);
    const mark = connector.meetingNotifications().length;
    const cardsMark = connector.calls.length;
    await controls(id, "round.start", { round: 1 });
    await eventually(
      "personal group cards",
      () => personalActivities(connector, swede.userId, cardsMark).length > 0,
    );
    await controls(id, "round.end", { round: 1 });
    await quiet();
    assert.equal(connector.meetingNotifications().length, mark);
  });
});
