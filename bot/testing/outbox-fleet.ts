/** Helpers of the outbox tests and the dialogue-day bench: real app processes, one Azurite, the connector emulator. */
import { createJobQueue } from "../src/platform/jobs/job-queue";
import { roundJobId, ROUND_JOB_KINDS } from "../src/features/rounds/services/job-ids";
import { createConversationRefRepository } from "../src/platform/tables/conversation-refs";
import type { TableStore } from "../src/platform/tables/table-store";
import { TEST_TENANT } from "./activities";
import type { ConnectorEmulator } from "../../bench/lib/connector-emulator";

/** Settings of app processes in the outbox tests: quick polls, a short lease and visibility. */
export const FAST_OUTBOX_ENV = {
  JOB_POLL_MS: "100",
  OUTBOX_LEASE_MS: "1500",
  OUTBOX_VISIBILITY_S: "2",
  OUTBOX_POLL_MS: "100",
};

/** The personal chat id the arranged members have (as the connector recorder names them). */
export const chatOf = (userId: string) => `a:chat-${userId}`;

/** Stores a personal-chat reference per user, pointing at the emulated connector. */
export async function seedReferences(store: TableStore, userIds: readonly string[], serviceUrl: string) {
  const refs = createConversationRefRepository(store.table("ConversationRefs"));
  for (const userId of userIds) {
    const conversation = { id: chatOf(userId), conversationType: "personal", tenantId: TEST_TENANT };
    const reference = {
      bot: { id: "28:dialogi-bot", name: "Dialogi" },
      user: { id: `29:${userId}`, aadObjectId: userId },
      conversation,
      channelId: "msteams",
      serviceUrl,
      locale: "fi-FI",
    };
    await refs.save({
      kind: "user",
      key: userId,
      tenantId: TEST_TENANT,
      serviceUrl,
      conversationId: conversation.id,
      conversationType: "personal",
      channelId: "msteams",
      botId: reference.bot.id,
      locale: "fi-FI",
      reference: JSON.stringify(reference),
    });
  }
}

/** Schedules round 1's announcement (group cards) of a dialogue, due now. */
export async function scheduleAnnouncement(store: TableStore, dialogueId: string, endsAt: Date) {
  await createJobQueue(store.table("Jobs")).schedule({
    id: roundJobId(dialogueId, 1, "announce"),
    kind: ROUND_JOB_KINDS.announce,
    dueAt: new Date(),
    payload: { dialogueId, round: 1, endsAt: endsAt.toISOString() },
  });
}

/** Group cards (not the scribe's notes card) one user's chat received. */
export function groupCardsOf(emulator: ConnectorEmulator, userId: string): number {
  return (emulator.stats().bodies.get(chatOf(userId)) ?? []).filter(
    (b) => /Kierros 1 · Ryhmä/.test(b) && !b.includes("notes.save"),
  ).length;
}

/** Every activity the emulator delivered. */
export const deliveredTotal = (emulator: ConnectorEmulator) => emulator.stats().delivered;

/** The instance holding the sender lease (its owner id ends in `-<pid>-<random>`). */
export async function leaseHolder(store: TableStore): Promise<{ owner: string; pid: number } | undefined> {
  try {
    const e = await store.table("Outbox").getEntity<{ owner: string; until: number }>("~lease", "sender");
    if (Number(e.until) <= Date.now()) return undefined;
    const pid = Number(/-(\d+)-[0-9a-f]+$/.exec(e.owner)?.[1]);
    return { owner: e.owner, pid };
  } catch {
    return undefined;
  }
}

/** Delivery rows of a dialogue, as stored. */
export async function deliveryRows(store: TableStore, dialogueId: string) {
  const rows: Record<string, unknown>[] = [];
  const filter = `PartitionKey ge '${dialogueId}|' and PartitionKey lt '${dialogueId}}'`;
  for await (const e of store.table("Outbox").listEntities({ queryOptions: { filter } })) rows.push(e);
  return rows;
}

/** Polls `check` every 50 ms until it holds or `timeoutMs` passes. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
