import { randomUUID } from "node:crypto";
import type { Activity } from "botframework-schema";
import { errorFields, type Logger } from "../../../logger";
import type { Messenger } from "../../../platform/messaging/messenger-types";
import type { Outbox } from "../../../platform/outbox/outbox";
import { forEachLimit } from "../../../platform/concurrency";

/** Personal messages in flight at once without an outbox (the Messenger paces per tenant). */
const FAN_OUT = 4;

/** Result of a fan-out. */
export interface FanOutCount {
  /** Recipients whose messages are recorded for delivery (or were sent, without an outbox). */
  delivered: number;
  failed: number;
}

/** What a fan-out is, for the outbox: a stable key makes a rerun send nothing twice. */
export interface FanOutDecision {
  /** Unique per decision within the dialogue (e.g. `announce|r1|<endsAt>`); absent = a new one each call. */
  key?: string;
  /** Shown with failures to organisers and facilitators (e.g. "groupCard"). */
  label: string;
}

/** What {@link sendEach} sends through. */
export interface FanOutDeps {
  messenger: Messenger;
  outbox?: Outbox;
  logger: Logger;
}

/**
 * Sends each recipient their own activities (deduplicated by user id). With the outbox (the app):
 * the decision and one delivery row per recipient × activity are recorded, and the sender
 * delivers them, retries, and shows what failed for good; throws when they could not be recorded
 * (the caller's job retries). Without it (unit tests): sent directly, failures counted and logged.
 */
export async function sendEach(
  deps: FanOutDeps,
  dialogueId: string,
  decision: FanOutDecision,
  userIds: readonly string[],
  build: (userId: string) => Partial<Activity>[] | undefined,
): Promise<FanOutCount> {
  const unique = [...new Set(userIds)];
  const count: FanOutCount = { delivered: 0, failed: 0 };
  if (deps.outbox) {
    const items = unique.flatMap((userId) =>
      (build(userId) ?? []).map((activity, part) => ({
        recipient: userId,
        part,
        target: { kind: "user" as const, userId },
        payload: activity,
      })),
    );
    await deps.outbox.enqueue(
      { key: decision.key ?? `${decision.label}|${randomUUID()}`, dialogueId, label: decision.label },
      items,
    );
    count.delivered = new Set(items.map((i) => i.recipient)).size;
    return count;
  }
  await forEachLimit(unique, FAN_OUT, async (userId) => {
    try {
      let ok = true;
      for (const activity of build(userId) ?? []) {
        ok = !!(await deps.messenger.sendToUser(userId, activity)) && ok;
      }
      if (ok) count.delivered++;
      else count.failed++;
    } catch (err) {
      count.failed++;
      deps.logger.warn("round message not delivered", { dialogueId, ...errorFields(err) });
    }
  });
  return count;
}
