import assert from "node:assert/strict";
import { createLogger } from "../../src/logger";
import { INDEX_PARTITION } from "../../src/platform/jobs/job-table";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import {
  RETENTION_KINDS,
  retentionJobId,
  retentionNoticeJobId,
} from "../../src/features/dialogues/domain/retention";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { sweepRetention } from "../../src/features/dialogues/store/retention-sweep";
import { startTestApp, type TestApp } from "../../testing/app";
import { uniquePrefix } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { eventually, personalActivities } from "../rounds/helpers";
import { cardOf, driver, executeAction, valid, type Actor } from "./conversation-helpers";

const organiser: Actor = { userId: "aad-ret-organiser", userName: "Riikka Järjestäjä", locale: "en-US" };
const person: Actor = { userId: "aad-ret-person", userName: "Paavo Säilytettävä", locale: "fi-FI" };
const TITLE = "Vanha *dialogi* [linkki](https://example.org)";

function form(title: string, date: string): Record<string, string> {
  return {
    title,
    description: "Kuvaus",
    themes: "Teema",
    date,
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_r%40thread.v2/0",
    address: "",
    capacity: "10",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi",
    organisers: "Oikeusministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Dialogi\n11:00 Loppu",
  };
}

describe("retention: a dialogue's personal data is erased automatically after DIALOGUE_RETENTION_DAYS", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  let clock = new Date("2030-03-01T08:00:00Z");
  const logLines: string[] = [];
  /** Known, so a second instance can share the tables. */
  const prefix = uniquePrefix();

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { JOB_POLL_MS: "50", DIALOGUE_RETENTION_DAYS: "30", TABLES_PREFIX: prefix },
      overrides: { now: () => clock, logger: createLogger("info", (l) => logLines.push(l)) },
    });
    bot = driver(app, connector);
    for (const a of [organiser, person]) await bot.say(a, "help");
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  async function create(title: string, date: string): Promise<string> {
    const [f] = await bot.say(organiser, "new dialogue");
    const action = executeAction(valid(cardOf(f)), "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", { ...action.data, ...form(title, date) });
    const id = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
    const r = await bot.execute(person, "registration.submit", {
      dialogueId: id,
      language: "fi",
      organisation: "Säilytys Oy",
      acceptRules: "true",
    });
    valid(r.card, r);
    return id;
  }

  /** Rows of any table that mention the id (keys or values). */
  async function mentions(id: string): Promise<string[]> {
    const found: string[] = [];
    for (const name of TABLE_NAMES) {
      for await (const e of app.app.store.table(name).listEntities()) {
        const text = JSON.stringify(e);
        if (text.includes(id)) found.push(`${name}: ${text.slice(0, 160)}`);
      }
    }
    return found;
  }

  /** Polls an async check until it holds; fails with `what` after 10 s. */
  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`timed out waiting for ${what}`);
  }

  async function jobDue(jobId: string): Promise<Date | undefined> {
    try {
      const e = await app.app.store.table("Jobs").getEntity<{ dueAt: Date }>(INDEX_PARTITION, jobId);
      return new Date(e.dueAt);
    } catch {
      return undefined;
    }
  }

  const notices = () =>
    personalActivities(connector, organiser.userId).filter((a) =>
      /Automaattinen poisto/.test(String(a.text)),
    );

  let old = "";
  let moved = "";

  it("schedules one erase and one notice per dialogue at end + N days; moving the date reschedules them", async () => {
    old = await create(TITLE, "2030-03-25");
    moved = await create("Siirtyvä dialogi", "2030-03-26");
    // 2030-03-25 11:00 Helsinki = 09:00Z; + 30 days; the notice 14 days before.
    assert.deepEqual(await jobDue(retentionJobId(old)), new Date("2030-04-24T09:00:00Z"));
    assert.deepEqual(await jobDue(retentionNoticeJobId(old)), new Date("2030-04-10T09:00:00Z"));

    const edit = await bot.execute(organiser, "dialogue.edit", { dialogueId: moved, version: 1 });
    const save = executeAction(valid(edit.card), "dialogue.save")!;
    const saved = await bot.execute(organiser, "dialogue.save", {
      ...save.data,
      ...form("Siirtyvä dialogi", "2030-05-26"),
    });
    valid(saved.card, saved);
    // 2030-05-26 11:00 Helsinki (summer time) = 08:00Z.
    assert.deepEqual(await jobDue(retentionJobId(moved)), new Date("2030-06-25T08:00:00Z"));
    assert.deepEqual(await jobDue(retentionNoticeJobId(moved)), new Date("2030-06-11T08:00:00Z"));
  });

  it("an erase job that finds the end moved later reschedules instead of erasing", async () => {
    // As if the job had been scheduled before the date moved (e.g. by an older instance).
    await app.app.jobQueue.schedule({
      id: retentionJobId(moved),
      kind: RETENTION_KINDS.erase,
      dueAt: clock,
      payload: { dialogueId: moved },
    });
    await until("the job run", async () =>
      logLines.some((l) => l.includes("dialogue retention rescheduled") && l.includes(moved)),
    );
    assert.deepEqual(await jobDue(retentionJobId(moved)), new Date("2030-06-25T08:00:00Z"));
    assert.ok(
      (await mentions(moved)).some((m) => m.startsWith("Registrations:")),
      "nothing erased",
    );
  });

  it("the creator gets one notice 14 days before (in the dialogue's language: they chose none), the title shown literally", async () => {
    clock = new Date("2030-04-10T09:01:00Z");
    const [notice] = await eventually("the retention notice", () => notices().length > 0 && notices());
    assert.match(String(notice!.text), /poistetaan 24\.4\.2030, 30 päivää dialogin jälkeen/);
    assert.ok(String(notice!.text).includes("Vanha \\*dialogi\\* \\[linkki\\]"), String(notice!.text));
    assert.ok(String(notice!.text).includes(old));
    // The same notice job again (at-least-once delivery): no second message.
    await app.app.jobQueue.schedule({
      id: retentionNoticeJobId(old),
      kind: RETENTION_KINDS.notice,
      dueAt: clock,
      payload: { dialogueId: old },
    });
    await until(
      "the repeated notice job done",
      async () => (await jobDue(retentionNoticeJobId(old))) === undefined,
    );
    // The rerun recorded nothing new in the outbox (so nothing can still be on its way). The
    // sender marks rows sent in batches: wait until the one row is marked before comparing.
    const noticeRows = async () =>
      (await app.app.outbox.outbox.deliveries(old)).filter((r) => r.label === "retentionNotice");
    await until("the notice's row marked sent", async () =>
      (await noticeRows()).every((r) => r.status !== "pending"),
    );
    const rows = await noticeRows();
    assert.deepEqual(
      rows.map((r) => [r.recipient, r.status]),
      [[organiser.userId, "sent"]],
    );
    assert.equal(notices().length, 1);
  });

  it("a dialogue past end + N days is erased from every table; one not yet due stays", async () => {
    assert.ok((await mentions(old)).length > 0, "the dialogue is stored before");
    clock = new Date("2030-04-24T09:01:00Z");
    await until("the erase", async () => (await mentions(old)).length === 0);
    assert.deepEqual(await mentions(old), [], "no table holds the dialogue id");
    const erased = logLines.find((l) => l.includes("dialogue erased by retention")) ?? "";
    assert.ok(erased?.includes(old), "logged with the id");
    assert.ok(!erased.includes("Säilytys") && !erased.includes("Vanha"), "and no personal data");
    const kept = await mentions(moved);
    assert.ok(
      kept.some((m) => m.startsWith("Registrations:")),
      "the moved dialogue is kept",
    );
    assert.ok(kept.some((m) => m.startsWith("Dialogues:")));
  });

  it("the start-up sweep schedules dialogues that have no retention job (made before it existed)", async () => {
    await app.app.jobQueue.cancel(retentionJobId(moved));
    await app.app.jobQueue.cancel(retentionNoticeJobId(moved));
    const service = createDialogueService({
      dialogues: createDialogueRepository(app.app.store.table("Dialogues")),
      jobs: app.app.jobQueue,
      now: () => clock,
      retentionDays: 30,
    });
    const deps = { store: app.app.store, load: service.load, scheduleRetention: service.scheduleRetention };
    assert.equal(await sweepRetention(deps), 1);
    assert.deepEqual(await jobDue(retentionJobId(moved)), new Date("2030-06-25T08:00:00Z"));
    assert.equal(await sweepRetention(deps), 0, "a second sweep finds nothing missing");
  });

  it("turned off (DIALOGUE_RETENTION_DAYS=off), an instance drops the jobs made before and erases nothing", async () => {
    // Another instance on the same tables, started with retention off, well past the due dates.
    const offLines: string[] = [];
    const offClock = new Date("2030-07-01T08:00:00Z");
    const off = await startTestApp({
      env: { JOB_POLL_MS: "50", DIALOGUE_RETENTION_DAYS: "off", TABLES_PREFIX: prefix },
      overrides: { now: () => offClock, logger: createLogger("info", (l) => offLines.push(l)) },
    });
    try {
      await app.close(); // only the instance with retention off runs jobs now
      await until("both jobs dropped", async () => {
        const due = await Promise.all([retentionJobId(moved), retentionNoticeJobId(moved)].map(jobDue));
        return due.every((d) => d === undefined);
      });
      assert.equal(offLines.filter((l) => l.includes("retention off; job dropped")).length, 2);
      const kept = await mentions(moved);
      assert.ok(
        kept.some((m) => m.startsWith("Registrations:")),
        "the dialogue and its registrations are kept",
      );
      assert.ok(!offLines.some((l) => l.includes("dialogue erased by retention")));
    } finally {
      app = off; // `after` closes it
    }
  });
});
