import type { TableClient } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Which dialogue a Teams meeting belongs to, and who is in the meeting now (`Dialogues` table):
 * - PK `meetingchat-<thread id>`, RK `link`: `{ dialogueId, tenantId }` — written when the
 *   meetings job creates the event, or by an organiser from the side panel;
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
