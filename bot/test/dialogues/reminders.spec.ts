import assert from "node:assert/strict";
import type { Activity } from "botframework-schema";
import { testStore } from "../../testing/azurite";
import { createLogger } from "../../src/logger";
import type { DialogueContext } from "../../src/features/dialogues/handlers/context";
import { createDialogueLinks } from "../../src/features/dialogues/handlers/links";
import { createReminderHandlers } from "../../src/features/dialogues/handlers/reminder-handlers";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../src/features/dialogues/domain/registration-service";
import { REMINDER_KINDS, reminderJobId } from "../../src/features/dialogues/domain/reminders";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { adaptiveCardProblems } from "../../testing/card-validation";
import { startTestOutbox, type TestOutbox } from "../../testing/test-outbox";
import { answers, details, fakeJobs } from "./fixtures";

/** A messenger that records personal messages; users in `unreachable` have no chat with the bot. */
function fakeMessenger() {
  const sent: { userId: string; activity: Partial<Activity> }[] = [];
  const unreachable = new Set<string>();
  return {
    sent,
    unreachable,
    async sendToUser(userId: string, activity: Partial<Activity>) {
      if (unreachable.has(userId)) return undefined;
      sent.push({ userId, activity });
      return { conversationId: `a:${userId}`, activityId: `act-${sent.length}` };
    },
    async sendToConversation() {
      return undefined;
    },
    async updateActivity() {},
  };
}

/** Reminder jobs over the real outbox (Azurite table and queue, one sender). */
describe("dialogue reminders (job handlers)", function () {
  this.timeout(30_000);
  const TENANT = "tenant-r";
  const start = new Date("2030-04-10T07:00:00Z"); // 10.00 Helsinki summer time
  let now = new Date("2030-04-01T00:00:00Z");
  let setup: Awaited<ReturnType<typeof build>>;

  async function build() {
    const t = await testStore();
    const { store } = t;
    await store.ensureTables(["Dialogues", "Registrations"]);
    const jobs = fakeJobs();
    const messenger = fakeMessenger();
    const logger = createLogger("silent");
    const outbox = await startTestOutbox(t, messenger, logger);
    const dialogues = createDialogueService({
      dialogues: createDialogueRepository(store.table("Dialogues")),
      jobs,
      now: () => now,
    });
    const registrations = createRegistrationService({
      dialogues,
      registrations: createRegistrationRepository(store.table("Registrations")),
      now: () => now,
    });
    const dc: DialogueContext = {
      dialogues,
      registrations,
      messenger,
      outbox: outbox.outbox,
      links: createDialogueLinks({ secret: "s", publicUrl: "https://dialogi.example", now: () => now }),
      now: () => now,
      logger,
    };
    return { dc, jobs, messenger, outbox, handlers: createReminderHandlers(dc) };
  }

  beforeEach(async () => {
    now = new Date("2030-04-01T00:00:00Z");
    setup = await build();
  });
  afterEach(() => setup.outbox.stop());
  /** The messages sent, once every recorded delivery of `dialogueId` is sent or given up. */
  const delivered = async (o: TestOutbox, dialogueId: string) => {
    await o.settled(dialogueId);
    return setup.messenger.sent;
  };

  async function dialogueWithPeople(capacity = 2) {
    const { dialogue } = await setup.dc.dialogues.create({
      tenantId: TENANT,
      creator: { aadId: "org", name: "Org" },
      nonce: "aaaaaaaa-0000-0000-0000-000000000001",
      details: details(start, { capacity, languages: ["fi", "sv", "en"] }),
    });
    const langs = ["sv", "en", "fi"] as const;
    for (const [n, uiLang] of langs.entries()) {
      await setup.dc.registrations.register({
        dialogueId: dialogue.id,
        tenantId: TENANT,
        person: { aadId: `u${n}`, teamsId: `29:u${n}`, name: `U${n}` },
        uiLang,
        answers: answers(n),
        groundRulesAccepted: true,
      });
    }
    return dialogue;
  }

  const run = (kind: string, dialogueId: string, dueAt: Date) =>
    setup.handlers[kind]!({ dialogueId }, { id: `${dialogueId}-x`, kind, dueAt, attempt: 1 });

  it("schedules both reminders with ids derived from the dialogue, and replaces them on a time change", async () => {
    const d = await dialogueWithPeople();
    assert.deepEqual([...setup.jobs.scheduled.keys()].sort(), [`${d.id}-r15m`, `${d.id}-r24h`]);
    const later = new Date(start.getTime() + 3600_000);
    await setup.dc.dialogues.edit({
      id: d.id,
      tenantId: TENANT,
      userId: "org",
      version: d.version,
      details: details(later),
    });
    assert.equal(setup.jobs.scheduled.size, 2);
    assert.equal(
      setup.jobs.scheduled.get(reminderJobId(d.id, REMINDER_KINDS.soon))!.dueAt.toISOString(),
      "2030-04-10T07:45:00.000Z",
    );
    await setup.dc.dialogues.cancel({ id: d.id, tenantId: TENANT, userId: "org" });
    assert.equal(setup.jobs.scheduled.size, 0);
  });

  it("the 24 h reminder goes to confirmed people only, in their language, once", async () => {
    const d = await dialogueWithPeople();
    now = new Date(start.getTime() - 24 * 3600_000);
    await run(REMINDER_KINDS.day, d.id, now);
    assert.deepEqual((await delivered(setup.outbox, d.id)).map((s) => s.userId).sort(), ["u0", "u1"]);
    setup.messenger.sent.sort((a, b) => a.userId.localeCompare(b.userId));
    assert.match(
      String(setup.messenger.sent[0]!.activity.text),
      /Påminnelse: .* i morgon 10\.4\.2030 kl\. 10\.00/,
    );
    assert.match(String(setup.messenger.sent[1]!.activity.text), /is tomorrow.*opens 10 minutes early/);
    const card = (setup.messenger.sent[1]!.activity.attachments as { content: unknown }[])[0]!.content;
    assert.deepEqual(adaptiveCardProblems(card), []);
    await run(REMINDER_KINDS.day, d.id, now); // the runner retried: nobody gets it twice
    assert.equal((await setup.outbox.rows(d.id)).length, 2, "the rerun recorded nothing new");
    assert.equal((await delivered(setup.outbox, d.id)).length, 2);
  });

  it("a person the bot cannot reach is listed as failed, not dropped; a rerun sends nobody twice", async () => {
    const d = await dialogueWithPeople();
    now = new Date(start.getTime() - 15 * 60_000);
    setup.messenger.unreachable.add("u0");
    await run(REMINDER_KINDS.soon, d.id, now);
    const rows = await setup.outbox.settled(d.id);
    assert.deepEqual(rows.map((r) => [r.recipient, r.status, r.label]).sort(), [
      ["u0", "failed", "reminder15m"],
      ["u1", "sent", "reminder15m"],
    ]);
    setup.messenger.unreachable.clear();
    await run(REMINDER_KINDS.soon, d.id, now);
    assert.equal((await setup.outbox.rows(d.id)).length, 2, "the rerun recorded nothing new");
    assert.deepEqual(
      (await delivered(setup.outbox, d.id)).map((s) => s.userId),
      ["u1"],
    );
    assert.match(String(setup.messenger.sent[0]!.activity.text), /starts in 15 minutes/);
  });

  it("skips cancelled dialogues, moved times and bad payloads", async () => {
    const d = await dialogueWithPeople();
    // A job whose due time belongs to an earlier start time (it was rescheduled since).
    await run(REMINDER_KINDS.day, d.id, new Date(start.getTime() - 48 * 3600_000));
    await setup.handlers[REMINDER_KINDS.day]!(
      { dialogueId: "'; drop" },
      { id: "x", kind: REMINDER_KINDS.day, dueAt: now, attempt: 1 },
    );
    await setup.dc.dialogues.cancel({ id: d.id, tenantId: TENANT, userId: "org" });
    now = new Date(start.getTime() - 24 * 3600_000);
    await run(REMINDER_KINDS.day, d.id, now);
    // Every handler has returned: nothing was recorded, so nothing can be sent later.
    assert.deepEqual(await setup.outbox.rows(d.id), []);
    assert.equal(setup.messenger.sent.length, 0);
  });
});
