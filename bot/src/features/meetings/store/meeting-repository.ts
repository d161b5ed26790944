import type { TableClient } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Meeting state lives in the `Dialogues` table, in the dialogue's own partition, so deleting a
 * dialogue (dialogues' eraser removes the whole partition) removes it too:
 * - RK `meeting-event`: the Outlook event (id, join link, what was last sent);
 * - RK `meeting-room-<n>`: breakout room n's Teams meeting;
 * - RK `meeting-mail-<user>`: a registrant's e-mail address as Graph gave it (cache).
 */
const EVENT = "meeting-event";
const ROOM_PREFIX = "meeting-room-";
const MAIL_PREFIX = "meeting-mail-";

/** The dialogue's Outlook event as last synchronised. */
export interface EventState {
  eventId?: string;
  joinUrl?: string;
  /** Fingerprint of the event fields last sent. */
  fieldsHash?: string;
  /** Fingerprint of the attendee list last sent. */
  attendeesHash?: string;
  cancelled?: boolean;
}

/** A breakout room's Teams meeting. */
export interface RoomMeeting {
  room: number;
  meetingId: string;
  joinUrl: string;
}

const q = (s: string) => s.replace(/'/g, "''");
/** Room n's row key (zero-padded, so rooms list in order). */
const roomKey = (room: number) => `${ROOM_PREFIX}${String(room).padStart(3, "0")}`;

/** Repository of meeting rows (see above). */
export function createMeetingRepository(table: TableClient) {
  async function get<T extends object>(pk: string, rk: string): Promise<(T & { etag: string }) | undefined> {
    try {
      return (await table.getEntity<T>(pk, rk)) as T & { etag: string };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  return {
    async event(dialogueId: string): Promise<EventState> {
      const e = await get<EventState>(dialogueId, EVENT);
      if (!e) return {};
      return {
        eventId: e.eventId || undefined,
        joinUrl: e.joinUrl || undefined,
        fieldsHash: e.fieldsHash || undefined,
        attendeesHash: e.attendeesHash || undefined,
        cancelled: e.cancelled === true,
      };
    },

    /** Merges fields into the event row (only the sync job writes it, under a per-dialogue lock). */
    async saveEvent(dialogueId: string, patch: EventState): Promise<void> {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      await table.upsertEntity({ partitionKey: dialogueId, rowKey: EVENT, ...defined }, "Merge");
    },

    /**
     * Removes the event row, or a room's row (`room`): for a sync that finds its dialogue deleted
     * after writing (the deletion erased the partition before that write).
     */
    async forget(dialogueId: string, room?: number): Promise<void> {
      try {
        await table.deleteEntity(dialogueId, room === undefined ? EVENT : roomKey(room));
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },

    async rooms(dialogueId: string): Promise<Map<number, RoomMeeting>> {
      const out = new Map<number, RoomMeeting>();
      const filter = `PartitionKey eq '${q(dialogueId)}' and RowKey ge '${ROOM_PREFIX}' and RowKey lt 'meeting-room.'`;
      for await (const e of table.listEntities<RoomMeeting>({ queryOptions: { filter } })) {
        out.set(Number(e.room), { room: Number(e.room), meetingId: e.meetingId, joinUrl: e.joinUrl });
      }
      return out;
    },

    async saveRoom(dialogueId: string, room: RoomMeeting): Promise<void> {
      await table.upsertEntity({ partitionKey: dialogueId, rowKey: roomKey(room.room), ...room }, "Replace");
    },

    async mail(dialogueId: string, userId: string): Promise<{ address: string } | undefined> {
      const e = await get<{ address: string }>(dialogueId, `${MAIL_PREFIX}${encodeKey(userId)}`);
      return e?.address ? { address: e.address } : undefined;
    },

    async saveMail(dialogueId: string, userId: string, address: string): Promise<void> {
      await table.upsertEntity(
        { partitionKey: dialogueId, rowKey: `${MAIL_PREFIX}${encodeKey(userId)}`, address },
        "Replace",
      );
    },
  };
}

/** The meeting repository type. */
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
