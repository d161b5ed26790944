import { createHash } from "node:crypto";
import type { Activity } from "botframework-schema";
import type { Logger } from "../../../logger";
import type { Outbox } from "../../../platform/outbox/outbox";

/** Result of a fan-out. */
export interface FanOutCount {
  /** Recipients whose messages are recorded for delivery. */
  delivered: number;
  failed: number;
}

/** What a fan-out is, for the outbox: a stable key makes a rerun send nothing twice. */
export interface FanOutDecision {
  /**
   * Unique per decision within the dialogue, derived from what identifies it (e.g.
   * `announce|r1|<endsAt>`, `broadcast|r2|<card nonce>|<text hash>`), never random: the same
   * decision again (a job rerun, a second click on the same card) finds its rows and adds none.
   */
  key: string;
  /** Shown with failures to organisers and facilitators (e.g. "groupCard"). */
  label: string;
}

/** A short, key-safe digest of something that identifies a decision (a text, an ETag). */
export const keyDigest = (value: string) =>
  createHash("sha256").update(value).digest("base64url").slice(0, 16);

/** What {@link sendEach} sends through. */
export interface FanOutDeps {
  outbox: Outbox;
  logger: Logger;
}

/**
 * Records each recipient's own activities (deduplicated by user id) in the durable outbox: the
 * decision and one delivery row per recipient × activity, written before anything is sent; the
 * sender delivers them, retries, and shows what failed for good. Throws when they could not be
 * recorded (the caller's job or click is retried; a rerun adds nothing twice).
 */
export async function sendEach(
  deps: FanOutDeps,
  dialogueId: string,
  decision: FanOutDecision,
  userIds: readonly string[],
  build: (userId: string) => Partial<Activity>[] | undefined,
): Promise<FanOutCount> {
  const unique = [...new Set(userIds)];
  const items = unique.flatMap((userId) =>
    (build(userId) ?? []).map((activity, part) => ({
      recipient: userId,
      part,
      target: { kind: "user" as const, userId },
      payload: activity,
    })),
  );
  await deps.outbox.enqueue({ key: decision.key, dialogueId, label: decision.label }, items);
  return { delivered: new Set(items.map((i) => i.recipient)).size, failed: 0 };
}
