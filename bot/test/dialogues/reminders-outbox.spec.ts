import assert from "node:assert/strict";
import type { Activity } from "botframework-schema";
import { testStore } from "../../testing/azurite";
import { startTestOutbox } from "../../testing/test-outbox";
import { createLogger } from "../../src/logger";
import type { DialogueContext } from "../../src/features/dialogues/handlers/context";
import { createDialogueLinks } from "../../src/features/dialogues/handlers/links";
import { createReminderHandlers } from "../../src/features/dialogues/handlers/reminder-handlers";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../src/features/dialogues/domain/registration-service";
import { REMINDER_KINDS } from "../../src/features/dialogues/domain/reminders";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { answers, details, fakeJobs } from "./fixtures";

/**
 * Reminders through the durable outbox (Azurite tables and queue, one sender): overlapping runs
 * of the reminder job send each person one reminder, and a person the bot cannot reach is not
 * dropped silently — their delivery is failed and visible, and "send again" delivers it.
 */
describe("dialogue reminders through the outbox", function () {
  this.timeout(60_000);
  const TENANT = "tenant-ro";
  const start = new Date("2030-04-10T07:00:00Z");
  let now = new Date("2030-04-01T00:00:00Z");

  it("overlapping runs remind each person once; an unreachable one is listed, and send again reaches them", async () => {
    const t = await testStore();
    const { store } = t;
    await store.ensureTables(["Dialogues", "Registrations", "Outbox"]);
    const sent: string[] = [];
    const unreachable = new Set<string>(["u1"]);
    const messenger = {
      async sendToUser(userId: string, activity: Partial<Activity>) {
        void activity;
        if (unreachable.has(userId)) return undefined;
        sent.push(userId);
        return { conversationId: `a:${userId}`, activityId: `act-${sent.length}` };
      },
      sendToConversation: async () => undefined,
      updateActivity: async () => undefined,
    };
    const logger = createLogger("silent");
    const { outbox, stop } = await startTestOutbox(t, messenger, logger);
    try {
      const dialogues = createDialogueService({
        dialogues: createDialogueRepository(store.table("Dialogues")),
        jobs: fakeJobs(),
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
        outbox,
        links: createDialogueLinks({ secret: "s", publicUrl: "https://dialogi.example", now: () => now }),
        now: () => now,
        logger,
      };
      const { dialogue } = await dialogues.create({
        tenantId: TENANT,
        creator: { aadId: "org", name: "Org" },
        nonce: "aaaaaaaa-0000-0000-0000-000000000002",
        details: details(start, { capacity: 10, languages: ["fi", "sv", "en"] }),
      });
      for (let n = 0; n < 3; n++)
        await registrations.register({
          dialogueId: dialogue.id,
          tenantId: TENANT,
          person: { aadId: `u${n}`, teamsId: `29:u${n}`, name: `U${n}` },
          uiLang: "fi",
          answers: answers(n),
          groundRulesAccepted: true,
        });
      now = new Date(start.getTime() - 24 * 3600_000);
      const handlers = createReminderHandlers(dc);
      const run = (attempt: number) =>
        handlers[REMINDER_KINDS.day]!(
          { dialogueId: dialogue.id },
          { id: `${dialogue.id}-r24h`, kind: REMINDER_KINDS.day, dueAt: now, attempt },
        );
      // Two instances run the job at once (a lease that lapsed), then a retry runs it again.
      await Promise.all([run(1), run(1)]);
      await run(2);

      const settled = async () => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const all = await outbox.deliveries(dialogue.id);
          if (all.length > 0 && all.every((r) => r.status !== "pending")) return all;
          if (Date.now() > deadline) throw new Error("deliveries did not settle");
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      const first = await settled();
      assert.deepEqual(sent.sort(), ["u0", "u2"], "one reminder each to the reachable people");
      const failed = first.filter((r) => r.status === "failed");
      assert.deepEqual(
        failed.map((r) => [r.recipient, r.label, r.lastError]),
        [["u1", "reminder24h", "UnreachableError"]],
      );

      unreachable.clear();
      assert.equal(await outbox.sendAgain(dialogue.id, failed), 1);
      const after = await settled();
      assert.ok(after.every((r) => r.status === "sent"));
      assert.deepEqual(sent.sort(), ["u0", "u1", "u2"]);
    } finally {
      await stop();
    }
  });
});
