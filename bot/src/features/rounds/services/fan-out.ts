import type { Activity } from "botframework-schema";
import { errorFields, type Logger } from "../../../logger";
import type { Messenger } from "../../../platform/messaging/messenger-types";
import { forEachLimit } from "../../../platform/concurrency";

/** Personal messages in flight at once (the Messenger paces and backs off on 429 per tenant). */
const FAN_OUT = 4;

/** Result of a fan-out. */
export interface FanOutCount {
  delivered: number;
  failed: number;
}

/**
 * Sends each recipient their own activity (deduplicated by user id), a few at a time. One person
 * the bot cannot reach does not stop the rest: failures are counted and logged with ids only.
 */
export async function sendEach(
  messenger: Messenger,
  logger: Logger,
  dialogueId: string,
  userIds: readonly string[],
  build: (userId: string) => Partial<Activity>[] | undefined,
): Promise<FanOutCount> {
  const count: FanOutCount = { delivered: 0, failed: 0 };
  await forEachLimit([...new Set(userIds)], FAN_OUT, async (userId) => {
    try {
      let ok = true;
      for (const activity of build(userId) ?? []) {
        ok = !!(await messenger.sendToUser(userId, activity)) && ok;
      }
      if (ok) count.delivered++;
      else count.failed++;
    } catch (err) {
      count.failed++;
      logger.warn("round message not delivered", { dialogueId, ...errorFields(err) });
    }
  });
  return count;
}
