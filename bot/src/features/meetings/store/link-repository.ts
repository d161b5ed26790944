import type { TableClient } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Which dialogue a Teams meeting belongs to, and who is in the meeting now (`Dialogues` table):
 * - PK `meetingchat-<thread id>`, RK `link`: `{ dialogueId, tenantId }` — written when the
 *   meetings job creates the event, or by an organiser from the side panel;
 * - PK `meetingchat-<thread id>`, RK `meeting`: `{ meetingId }`, the meeting's id as the bot
 *   last saw it in an activity from that chat (in-meeting notifications are addressed to it);
 * - PK dialogueId, RK `meetinglink`: `{ threadId }`, the same link the other way round (for
 *   in-meeting notifications about the dialogue's rounds);
 * - PK dialogueId, RK `presence-<user>`: `{ present, at }` from the bot's meeting participant
 *   join/leave events (in the dialogue's partition, so erasing the dialogue erases it too).
 */
const LINK_PREFIX = "meetingchat-";
const PRESENCE_PREFIX = "presence-";

/** A meeting's link to a dialogue. */
export interface MeetingLink {
  dialogueId: string;
  tenantId: string;
}

const q = (s: string) => s.replace(/'/g, "''");

/** Repository of meeting links and presence rows. */
export function createLinkRepository(table: TableClient) {
  return {
    async find(threadId: string): Promise<MeetingLink | undefined> {
      try {
        const e = await table.getEntity<MeetingLink>(`${LINK_PREFIX}${encodeKey(threadId)}`, "link");
        return { dialogueId: e.dialogueId, tenantId: e.tenantId };
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },

    /** Links the meeting (a later link replaces an earlier one: the organiser corrects it). */
    async link(threadId: string, link: MeetingLink): Promise<void> {
      await table.upsertEntity(
        { partitionKey: `${LINK_PREFIX}${encodeKey(threadId)}`, rowKey: "link", ...link },
        "Replace",
      );
      await table.upsertEntity({ partitionKey: link.dialogueId, rowKey: "meetinglink", threadId }, "Replace");
    },

    /** The meeting chat last linked to the dialogue (undefined when none was). */
    async threadOf(dialogueId: string): Promise<string | undefined> {
      try {
        return (await table.getEntity<{ threadId: string }>(dialogueId, "meetinglink")).threadId;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },

    /** Records the meeting id seen in the chat's activities. */
    async setMeetingId(threadId: string, meetingId: string): Promise<void> {
      await table.upsertEntity(
        { partitionKey: `${LINK_PREFIX}${encodeKey(threadId)}`, rowKey: "meeting", meetingId },
        "Replace",
      );
    },

    /** The meeting id seen in the chat's activities, if any. */
    async meetingId(threadId: string): Promise<string | undefined> {
      try {
        const e = await table.getEntity<{ meetingId: string }>(
          `${LINK_PREFIX}${encodeKey(threadId)}`,
          "meeting",
        );
        return e.meetingId;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },

    async setPresence(dialogueId: string, userId: string, present: boolean, at: Date): Promise<void> {
      await table.upsertEntity(
        { partitionKey: dialogueId, rowKey: `${PRESENCE_PREFIX}${encodeKey(userId)}`, userId, present, at },
        "Replace",
      );
    },

    /** User ids present in the dialogue's meeting (last event per person was a join). */
    async present(dialogueId: string): Promise<Set<string>> {
      const out = new Set<string>();
      const filter = `PartitionKey eq '${q(dialogueId)}' and RowKey ge '${PRESENCE_PREFIX}' and RowKey lt 'presence.'`;
      for await (const e of table.listEntities<{ userId: string; present: boolean }>({
        queryOptions: { filter },
      })) {
        if (e.present === true) out.add(e.userId);
      }
      return out;
    },
  };
}

/** The link repository type. */
export type LinkRepository = ReturnType<typeof createLinkRepository>;
