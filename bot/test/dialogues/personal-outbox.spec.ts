import assert from "node:assert/strict";
import type { Activity } from "botframework-schema";
import { testStore } from "../../testing/azurite";
import { startTestOutbox, type TestOutbox } from "../../testing/test-outbox";
import { createLogger } from "../../src/logger";
import type { DialogueContext } from "../../src/features/dialogues/handlers/context";
import {
  createExternalChannelHook,
  type ExternalNotice,
} from "../../src/features/dialogues/handlers/external";
import { createDialogueLinks } from "../../src/features/dialogues/handlers/links";
import { sendConfirmation, sendPromotion } from "../../src/features/dialogues/handlers/notify";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../src/features/dialogues/domain/registration-service";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { answers, details, fakeJobs } from "./fixtures";

/**
 * Single personal messages (registration confirmation, seat from the waitlist) go through the
 * durable outbox (Azurite table and queue, one sender): the same decision again sends nothing
 * twice, a person the bot cannot reach is a failed delivery row (not a swallowed `false`), and
 * an e-mail registrant's notice carries a key derived from the decision (its mail is recorded
 * under it, so a rerun mails nothing twice).
 */
describe("confirmations and promotions through the outbox", function () {
  this.timeout(30_000);
  const TENANT = "tenant-po";
  const start = new Date("2030-05-10T07:00:00Z");
  const now = new Date("2030-05-01T00:00:00Z");
  let outbox: TestOutbox;
  let dc: DialogueContext;
  const sent: { userId: string; activity: Partial<Activity> }[] = [];
  const unreachable = new Set<string>();
  const mailed: ExternalNotice[] = [];

  before(async () => {
    const t = await testStore();
    await t.store.ensureTables(["Dialogues", "Registrations"]);
    const messenger = {
      async sendToUser(userId: string, activity: Partial<Activity>) {
        if (unreachable.has(userId)) return undefined;
        sent.push({ userId, activity });
        return { conversationId: `a:${userId}`, activityId: `act-${sent.length}` };
      },
      sendToConversation: async () => undefined,
      updateActivity: async () => undefined,
    };
    const logger = createLogger("silent");
    outbox = await startTestOutbox(t, messenger, logger);
    const dialogues = createDialogueService({
      dialogues: createDialogueRepository(t.store.table("Dialogues")),
      jobs: fakeJobs(),
      now: () => now,
    });
    const registrations = createRegistrationService({
      dialogues,
      registrations: createRegistrationRepository(t.store.table("Registrations")),
      now: () => now,
    });
    const external = createExternalChannelHook();
    external.install({
      notify: async (n) => mailed.push(n) > 0,
      sharedContact: async () => undefined,
    });
    dc = {
      dialogues,
      registrations,
      messenger,
      outbox: outbox.outbox,
      external,
      links: createDialogueLinks({ secret: "s", publicUrl: "https://dialogi.example", now: () => now }),
      now: () => now,
      logger,
    };
  });
  after(() => outbox?.stop());

  async function dialogueWith(people: string[], capacity: number) {
    const { dialogue } = await dc.dialogues.create({
      tenantId: TENANT,
      creator: { aadId: "org", name: "Org" },
      nonce: `bbbbbbbb-0000-0000-0000-00000000000${people.length}`,
      details: details(start, { capacity, languages: ["fi", "sv", "en"] }),
    });
    const regs = [];
    for (const [n, aadId] of people.entries())
      regs.push(
        (
          await dc.registrations.register({
            dialogueId: dialogue.id,
            tenantId: TENANT,
            person: { aadId, teamsId: `29:${aadId}`, name: aadId },
            uiLang: "en",
            answers: answers(n),
            groundRulesAccepted: true,
          })
        ).registration,
      );
    return { dialogue, regs };
  }

  it("a confirmation and a promotion sent twice (a rerun) arrive once each", async () => {
    const { dialogue, regs } = await dialogueWith(["po-a", "po-b"], 1);
    const [a, b] = regs as [(typeof regs)[0], (typeof regs)[0]];
    assert.equal(b.status, "waitlisted");
    await sendConfirmation(dc, dialogue, a);
    await sendConfirmation(dc, dialogue, a);
    const promoted = { ...b, status: "confirmed" as const };
    await Promise.all([sendPromotion(dc, dialogue, promoted), sendPromotion(dc, dialogue, promoted)]);
    const rows = await outbox.settled(dialogue.id);
    assert.deepEqual(rows.map((r) => [r.recipient, r.label, r.status]).sort(), [
      ["po-a", "confirmed", "sent"],
      ["po-b", "promoted", "sent"],
    ]);
    assert.deepEqual(
      sent
        .filter((s) => s.userId.startsWith("po-"))
        .map((s) => s.userId)
        .sort(),
      ["po-a", "po-b"],
    );
    assert.match(String(sent.find((s) => s.userId === "po-b")!.activity.text), /seat/i);
  });

  it("a person the bot cannot reach is a failed delivery, not a swallowed false", async () => {
    const { dialogue, regs } = await dialogueWith(["pu-a"], 5);
    unreachable.add("pu-a");
    assert.equal(await sendConfirmation(dc, dialogue, regs[0]!), true, "recorded");
    const rows = await outbox.settled(dialogue.id);
    assert.deepEqual(
      rows.map((r) => [r.recipient, r.label, r.status, r.lastError]),
      [["pu-a", "confirmed", "failed", "UnreachableError"]],
    );
  });

  it("an e-mail registrant's notice carries the same key on a rerun, a new one for another decision", async () => {
    const { dialogue, regs } = await dialogueWith(["pe-a"], 5);
    const person = { ...regs[0]!, userId: "ext-peaaaaaaaaaaaaaaaaaaaaaaaa" };
    await sendConfirmation(dc, dialogue, person);
    await sendConfirmation(dc, dialogue, person);
    await sendPromotion(dc, dialogue, person);
    const keys = mailed
      .filter((m) => m.registration.userId === "ext-peaaaaaaaaaaaaaaaaaaaaaaaa")
      .map((m) => m.key);
    assert.equal(keys.length, 3);
    assert.ok(
      keys[0] && keys[0].includes(dialogue.id) && keys[0].includes("ext-peaaaaaaaaaaaaaaaaaaaaaaaa"),
      String(keys[0]),
    );
    assert.equal(keys[1], keys[0], "the same decision, the same key");
    assert.notEqual(keys[2], keys[0], "a promotion is another decision");
  });
});
