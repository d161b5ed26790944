import assert from "node:assert/strict";
import { testStore } from "../../testing/azurite";
import { createDialogueService } from "../../src/features/dialogues/domain/dialogue-service";
import { createRegistrationService } from "../../src/features/dialogues/domain/registration-service";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { answers, details, fakeJobs } from "./fixtures";

const TENANT = "tenant-c";

describe("registrations against Azurite (service layer)", function () {
  this.timeout(60_000);
  let services: Awaited<ReturnType<typeof setup>>;
  const now = new Date("2030-01-10T08:00:00Z");

  async function setup() {
    const { store } = await testStore();
    await store.ensureTables(["Dialogues", "Registrations"]);
    const jobs = fakeJobs();
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
    return { dialogues, registrations, jobs };
  }
  before(async () => {
    services = await setup();
  });

  async function newDialogue(capacity: number, nonce: string) {
    const { dialogue } = await services.dialogues.create({
      tenantId: TENANT,
      creator: { aadId: "organiser-1", name: "Olli Organiser" },
      nonce,
      details: details(new Date("2030-02-01T07:00:00Z"), { capacity }),
    });
    return dialogue;
  }
  const person = (n: number) => ({ aadId: `user-${n}`, teamsId: `29:user-${n}`, name: `User ${n}` });

  it("100 concurrent registrations for 10 seats: exactly 10 confirmed, 90 waitlisted", async () => {
    const d = await newDialogue(10, "11111111-1111-1111-1111-111111111111");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, n) =>
        services.registrations.register({
          dialogueId: d.id,
          tenantId: TENANT,
          person: person(n),
          uiLang: "fi",
          answers: answers(n),
          groundRulesAccepted: true,
        }),
      ),
    );
    const confirmed = results.filter((r) => r.registration.status === "confirmed");
    assert.equal(confirmed.length, 10);
    assert.equal(results.filter((r) => r.registration.status === "waitlisted").length, 90);
    assert.deepEqual(await services.registrations.counts(d.id), { confirmed: 10, waitlisted: 90 });
    const stored = await services.registrations.active(d.id);
    assert.equal(stored.filter((r) => r.status === "confirmed").length, 10);
    assert.equal(stored.length, 100);
    // Arrival numbers are unique: the waitlist order is well defined.
    assert.equal(new Set(stored.map((r) => r.seq)).size, 100);
  });

  it("cancelling a confirmed seat promotes the first waitlisted person, atomically", async () => {
    const d = await newDialogue(2, "22222222-2222-2222-2222-222222222222");
    for (const n of [1, 2, 3, 4]) {
      await services.registrations.register({
        dialogueId: d.id,
        tenantId: TENANT,
        person: person(n),
        uiLang: "en",
        answers: answers(n),
        groundRulesAccepted: true,
      });
    }
    const result = await services.registrations.cancel({
      dialogueId: d.id,
      tenantId: TENANT,
      userId: "user-1",
    });
    assert.equal(result.cancelled.status, "cancelled");
    assert.equal(result.promoted?.userId, "user-3");
    assert.deepEqual(await services.registrations.counts(d.id), { confirmed: 2, waitlisted: 1 });
    // Cancelling twice changes nothing more.
    const again = await services.registrations.cancel({
      dialogueId: d.id,
      tenantId: TENANT,
      userId: "user-1",
    });
    assert.equal(again.promoted, undefined);
    assert.deepEqual(await services.registrations.counts(d.id), { confirmed: 2, waitlisted: 1 });
  });

  it("concurrent cancellations and registrations keep the counter consistent", async () => {
    const d = await newDialogue(5, "33333333-3333-3333-3333-333333333333");
    const reg = (n: number) =>
      services.registrations.register({
        dialogueId: d.id,
        tenantId: TENANT,
        person: person(n),
        uiLang: "sv",
        answers: answers(n),
        groundRulesAccepted: true,
      });
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(reg));
    await Promise.all([
      ...[1, 2, 3].map((n) =>
        services.registrations.cancel({ dialogueId: d.id, tenantId: TENANT, userId: `user-${n}` }),
      ),
      ...[9, 10, 11].map(reg),
    ]);
    const rows = await services.registrations.active(d.id);
    const counts = await services.registrations.counts(d.id);
    assert.equal(counts.confirmed, rows.filter((r) => r.status === "confirmed").length);
    assert.equal(counts.waitlisted, rows.filter((r) => r.status === "waitlisted").length);
    assert.equal(counts.confirmed, 5);
    assert.equal(counts.waitlisted, 3);
  });

  it("registering twice keeps one seat and updates the answers", async () => {
    const d = await newDialogue(3, "44444444-4444-4444-4444-444444444444");
    const input = {
      dialogueId: d.id,
      tenantId: TENANT,
      person: person(1),
      uiLang: "fi" as const,
      answers: answers(1),
      groundRulesAccepted: true,
    };
    await Promise.all([services.registrations.register(input), services.registrations.register(input)]);
    const again = await services.registrations.register({
      ...input,
      answers: { ...answers(1), organisation: "Uusi" },
    });
    assert.equal(again.already, true);
    assert.equal(again.registration.organisation, "Uusi");
    assert.deepEqual(await services.registrations.counts(d.id), { confirmed: 1, waitlisted: 0 });
  });

  it("raising the capacity promotes from the waitlist", async () => {
    const d = await newDialogue(1, "55555555-5555-5555-5555-555555555555");
    for (const n of [1, 2, 3]) {
      await services.registrations.register({
        dialogueId: d.id,
        tenantId: TENANT,
        person: person(n),
        uiLang: "fi",
        answers: answers(n),
        groundRulesAccepted: true,
      });
    }
    const { after } = await services.dialogues.edit({
      id: d.id,
      tenantId: TENANT,
      userId: "organiser-1",
      version: d.version,
      details: { ...details(d.start), capacity: 2 },
    });
    const promoted = await services.registrations.fillFromWaitlist(after);
    assert.deepEqual(
      promoted.map((p) => p.userId),
      ["user-2"],
    );
    assert.deepEqual(await services.registrations.counts(d.id), { confirmed: 2, waitlisted: 1 });
  });

  it("refuses other tenants, forged ids, stale versions and non-organisers", async () => {
    const d = await newDialogue(3, "66666666-6666-6666-6666-666666666666");
    await assert.rejects(services.dialogues.get(d.id, "other-tenant"), { code: "notFound" });
    await assert.rejects(services.dialogues.get("d-zzzzzzzz", TENANT), { code: "notFound" });
    const edit = (userId: string, version: number) =>
      services.dialogues.edit({ id: d.id, tenantId: TENANT, userId, version, details: details(d.start) });
    await assert.rejects(edit("user-1", d.version), { code: "forbidden" });
    await edit("organiser-1", d.version);
    await assert.rejects(edit("organiser-1", d.version), { code: "stale" });
  });

  it("creating with the same nonce twice creates one dialogue", async () => {
    const a = await newDialogue(3, "77777777-7777-7777-7777-777777777777");
    const b = await newDialogue(3, "77777777-7777-7777-7777-777777777777");
    assert.equal(a.id, b.id);
    const mine = await services.dialogues.listMine(TENANT, "organiser-1");
    assert.equal(mine.filter((d) => d.id === a.id).length, 1);
  });
});
