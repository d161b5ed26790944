import assert from "node:assert/strict";
import sinon from "sinon";
import { roundJobId } from "../../src/features/rounds/services/job-ids";
import { PENDING_GRACE_MS } from "../../src/features/rounds/services/run-repair";
import { createGroupRepository } from "../../src/features/rounds/store/group-repository";
import type { JobSpec } from "../../src/platform/jobs/job-types";
import { encodeKey } from "../../src/platform/tables/keys";
import { arrangeRunningRound, memberId, ORGANISER } from "../../testing/arrange";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities, tableRows } from "./helpers";

const GROUPS = 2;
const MEMBERS = 2;
const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };

/**
 * Start and end of a round converge although a step after the state change failed: the state
 * records the unfinished steps, and the next click or the repair job finishes them.
 */
describe("rounds: a start or end that failed halfway is repaired", function () {
  this.timeout(60_000);
  let connector: ConnectorRecorder;
  let app: TestApp;
  let bot: ReturnType<typeof driver>;
  /** The app's clock runs this far ahead of the wall clock (tests move it to make jobs due). */
  let offset = 0;
  const sandbox = sinon.createSandbox();

  beforeEach(async () => {
    offset = 0;
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { JOB_POLL_MS: "50" },
      overrides: { now: () => new Date(Date.now() + offset) },
    });
    bot = driver(app, connector);
  });
  afterEach(async () => {
    sandbox.restore();
    await app.close();
    await connector.close();
  });

  /** A dialogue whose members have written to the bot (so proactive messages reach them). */
  const arrange = async (running: boolean) => {
    const { dialogue } = await arrangeRunningRound(app.app.store, GROUPS, MEMBERS, { running });
    const members = Array.from({ length: GROUPS * MEMBERS }, (_, n) => memberId(dialogue.id, n));
    for (const m of members) await bot.say({ userId: m, userName: "Member", locale: "fi-FI" }, "apua");
    return { dialogue, members };
  };
  const state = (dialogueId: string) =>
    createGroupRepository(app.app.store.table("Groups")).getState(dialogueId);
  const jobIds = async () => (await tableRows(app, "Jobs", "id")).map((r) => String(r.rowKey));
  /** Makes the job queue's `schedule` or `cancel` fail once for the jobs `which` picks (a store blip). */
  const failOnce = (method: "schedule" | "cancel", which: (arg: JobSpec | string) => boolean) => {
    const queue = app.app.jobQueue;
    const original = queue[method].bind(queue) as (arg: JobSpec | string) => Promise<void>;
    let failed = 0;
    const fake = async (arg: JobSpec | string) => {
      if (!failed && which(arg)) {
        failed++;
        throw Object.assign(new Error("injected: Jobs table unavailable"), { statusCode: 503 });
      }
      return original(arg);
    };
    sandbox.stub(queue, method).callsFake(fake as never);
    return () => failed;
  };

  it("a round start whose timer could not be scheduled is finished by the next click, which reports it started", async () => {
    const { dialogue, members } = await arrange(false);
    const failed = failOnce("schedule", (j) => typeof j === "object" && j.kind === "round.over");
    const mark = connector.calls.length;

    const first = await bot.execute(organiser, "round.start", { dialogueId: dialogue.id, round: 1 });
    assert.equal(failed(), 1, "the failure was injected");
    assert.equal(first.card, undefined, "the first click reports a failure");
    const half = await state(dialogue.id);
    assert.equal(half?.running, true, "the state did change before the failure");
    assert.equal(half?.pending?.op, "start");
    assert.ok(!(await jobIds()).includes(encodeKey(roundJobId(dialogue.id, 1, "over"))));

    const second = await bot.execute(organiser, "round.start", { dialogueId: dialogue.id, round: 1 });
    assert.ok(second.card, `the second click succeeds: ${second.message}`);
    assert.match(JSON.stringify(second.card), /Kierros 1 alkoi/);
    assert.ok(
      (await jobIds()).includes(encodeKey(roundJobId(dialogue.id, 1, "over"))),
      "the round's end is scheduled",
    );
    assert.equal((await state(dialogue.id))?.pending, undefined);

    const groupCards = (m: string) =>
      personalActivities(connector, m, mark).filter((x) => /Kierros 1 · Ryhmä/.test(JSON.stringify(x)));
    await eventually("every member's group card", () => members.every((m) => groupCards(m).length > 0));
    // A third click is an ordinary "already started" again.
    const third = await bot.execute(organiser, "round.start", { dialogueId: dialogue.id, round: 1 });
    assert.match(String(third.message), /jo tehty/);
  });

  it("an extend whose timers could not be rescheduled is finished by the next click, not applied twice", async () => {
    const { dialogue } = await arrange(true);
    const endsAt = (await state(dialogue.id))!.roundEndsAt!.getTime();
    failOnce("schedule", (j) => typeof j === "object" && j.kind === "round.over");
    const data = { dialogueId: dialogue.id, round: 1, minutes: 5 };
    const first = await bot.execute(organiser, "round.extend", data);
    assert.equal(first.card, undefined);
    const second = await bot.execute(organiser, "round.extend", data);
    assert.ok(second.card, `the second click succeeds: ${second.message}`);
    assert.match(JSON.stringify(second.card), /Kierros päättyy nyt klo/);
    const after = await state(dialogue.id);
    assert.equal(after!.roundEndsAt!.getTime(), endsAt + 5 * 60_000, "extended once");
    const over = (await tableRows(app, "Jobs", "id")).find(
      (r) => r.rowKey === encodeKey(roundJobId(dialogue.id, 1, "over")),
    );
    assert.equal(new Date(over?.dueAt as string).getTime(), endsAt + 5 * 60_000, "the end job moved with it");
  });

  it("a round end that failed before the members heard is finished by the repair job", async () => {
    const { dialogue, members } = await arrange(true);
    const failed = failOnce("cancel", () => true);
    const mark = connector.calls.length;

    const first = await bot.execute(organiser, "round.end", { dialogueId: dialogue.id, round: 1 });
    assert.equal(failed(), 1);
    assert.equal(first.card, undefined);
    assert.equal((await state(dialogue.id))?.running, false, "the round is over in the state");
    const overMessages = (m: string) =>
      personalActivities(connector, m, mark).filter((x) => /Kierros 1 on päättynyt/.test(JSON.stringify(x)));
    assert.ok(
      members.every((m) => overMessages(m).length === 0),
      "nobody heard it yet",
    );

    // Nobody clicks again: the repair job armed by the click runs once its delay has passed.
    offset = PENDING_GRACE_MS + 10_000;
    await eventually("every member hears the round is over", () =>
      members.every((m) => overMessages(m).length > 0),
    );
    const deadline = Date.now() + 5000;
    while ((await state(dialogue.id))?.pending && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    assert.equal((await state(dialogue.id))?.pending, undefined, "the steps are cleared");
    assert.deepEqual(
      members.map((m) => overMessages(m).length),
      members.map(() => 1),
    );
  });
});
