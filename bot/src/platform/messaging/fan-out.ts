import type { Activity } from "botframework-schema";
import { errorFields, type Logger } from "../../logger";
import type { Messenger, SentActivity } from "./messenger-types";
import { forEachLimit } from "../concurrency";

/** Options for {@link sendToMany}. */
export interface FanOutOptions {
  /** Sends in flight at once. Default 8 (pacing per tenant still applies underneath). */
  concurrency?: number;
  /** A shared channel/group chat, to create personal chats for users who have none (see `sendToUser`). */
  via?: string;
  logger?: Logger;
}

/** Outcome of a fan-out, per user id. */
export interface FanOutResult {
  /** Delivered, with where (keep `activityId` to update the card later). */
  sent: (SentActivity & { userId: string })[];
  /** Users the bot cannot reach yet (never chatted with it, no shared conversation given). */
  noReference: string[];
  /** Users whose send failed for good (logged by the messenger). */
  failed: string[];
}

type ViaMessenger = Messenger & {
  sendToUser(
    userId: string,
    activity: Partial<Activity>,
    options?: { via?: string },
  ): Promise<SentActivity | undefined>;
};

/**
 * Sends one activity per user (invitations, reminders) with bounded concurrency. Duplicate ids
 * are sent once. One user's failure never stops the others; the result says who got what.
 * Works with any {@link Messenger}, so features can use it with a stub in tests.
 */
export async function sendToMany(
  messenger: Messenger | ViaMessenger,
  userIds: readonly string[],
  buildActivity: (userId: string) => Partial<Activity> | Promise<Partial<Activity>>,
  options: FanOutOptions = {},
): Promise<FanOutResult> {
  const unique = [...new Set(userIds)];
  const result: FanOutResult = { sent: [], noReference: [], failed: [] };
  const concurrency = Math.max(1, options.concurrency ?? 8);
  await forEachLimit(unique, concurrency, async (userId) => {
    try {
      const activity = await buildActivity(userId);
      const sent = options.via
        ? await (messenger as ViaMessenger).sendToUser(userId, activity, { via: options.via })
        : await messenger.sendToUser(userId, activity);
      if (sent) result.sent.push({ userId, ...sent });
      else result.noReference.push(userId);
    } catch (err) {
      result.failed.push(userId);
      options.logger?.debug("fan-out send failed", errorFields(err));
    }
  });
  options.logger?.info("fan-out done", {
    sent: result.sent.length,
    noReference: result.noReference.length,
    failed: result.failed.length,
  });
  return result;
}
