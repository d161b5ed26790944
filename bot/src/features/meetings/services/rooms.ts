import { errorFields } from "../../../logger";
import { forEachLimit } from "../../../platform/concurrency";
import { graphFailure, graphStatus } from "../../../platform/graph/graph-client";
import type { Dialogue } from "../../dialogues";
import { roomExternalId } from "../domain/event";
import { deletedMeanwhile, type MeetingsContext } from "./context";
import { dialogueLang, meetingsT, tellOrganiserOnce } from "./notify";

/** createOrGet calls in flight at once. */
const CREATES = 4;

interface OnlineMeeting {
  id: string;
  joinWebUrl?: string;
}

/**
 * One Teams meeting per breakout room number (Teams has no API to create breakout rooms inside
 * a meeting). `createOrGet` with a stable externalId per dialogue and room makes each exactly
 * once, whoever asks and however often; the link is stored, so later rounds and re-formed groups
 * reuse it.
 */
export function createRoomMeetings(mc: MeetingsContext) {
  async function createRoom(d: Dialogue, room: number): Promise<string | undefined> {
    const meeting = (await mc.graph
      .api(`/users/${encodeURIComponent(d.createdBy.aadId)}/onlineMeetings/createOrGet`)
      .post({
        externalId: roomExternalId(d.id, room),
        subject: meetingsT(dialogueLang(d))("roomSubject", { title: d.title, room }),
        startDateTime: d.start.toISOString(),
        endDateTime: d.end.toISOString(),
      })) as OnlineMeeting;
    if (!meeting.joinWebUrl) return undefined;
    await mc.repo.saveRoom(d.id, { room, meetingId: meeting.id, joinUrl: meeting.joinWebUrl });
    if (await deletedMeanwhile(mc, d.id)) {
      // Deleted while Graph was making the room: the deletion's clean-up did not list it.
      const path = `/users/${encodeURIComponent(d.createdBy.aadId)}/onlineMeetings/${encodeURIComponent(meeting.id)}`;
      try {
        await mc.graph.api(path).delete();
        mc.logger.info("room meeting deleted: its dialogue was deleted while it was made", {
          dialogueId: d.id,
        });
      } catch (err) {
        // No retry can help: the job finds no dialogue next time. Logged for the administrator.
        mc.logger.warn("room meeting of a deleted dialogue not deleted", {
          dialogueId: d.id,
          status: graphStatus(err),
        });
      }
      await mc.repo.forget(d.id, room);
      return undefined;
    }
    return meeting.joinWebUrl;
  }

  /** Makes the missing rooms 1..count; throws on the first Graph failure (after the others finished). */
  async function ensure(d: Dialogue, count: number): Promise<Map<number, string>> {
    const stored = await mc.repo.rooms(d.id);
    const links = new Map([...stored.values()].map((r) => [r.room, r.joinUrl]));
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !links.has(n));
    let failure: unknown;
    await forEachLimit(missing, CREATES, async (room) => {
      if (failure) return;
      try {
        const url = await createRoom(d, room);
        if (url) links.set(room, url);
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
    if (missing.length) mc.logger.info("breakout room meetings ready", { dialogueId: d.id, rooms: count });
    return links;
  }

  return {
    ensure,

    /** Job handler body: forbidden and invalid are settled (organiser told), anything else retried. */
    async prepare(dialogueId: string, count: number): Promise<void> {
      const d = await mc.dialogues.load(dialogueId);
      if (!d || d.state === "cancelled") return;
      try {
        await mc.mutex.run(`rooms-${dialogueId}`, () => ensure(d, count));
      } catch (err) {
        const failure = graphFailure(err);
        const fields = { dialogueId, status: graphStatus(err), failure, ...errorFields(err) };
        if (failure === "forbidden") {
          mc.logger.warn("Graph refused (403): breakout rooms keep the manual instruction", fields);
          await tellOrganiserOnce(mc, d, "forbidden");
          return;
        }
        if (failure === "invalid" || failure === "notFound") {
          mc.logger.error("Graph rejected a room meeting; not retried", fields);
          return;
        }
        mc.logger.warn("room meetings not ready; the job will retry", fields);
        throw err;
      }
    },

    /**
     * Links for a round about to be announced: the stored ones, plus any missing made now.
     * Never throws: a room without a link gets today's "go to breakout room N" instruction.
     */
    async linksFor(d: Dialogue, count: number): Promise<Map<number, string>> {
      try {
        return await mc.mutex.run(`rooms-${d.id}`, () => ensure(d, count));
      } catch (err) {
        mc.logger.warn("room links missing for this round", {
          dialogueId: d.id,
          status: graphStatus(err),
          ...errorFields(err),
        });
        const stored = await mc.repo.rooms(d.id).catch(() => new Map());
        return new Map([...stored.values()].map((r) => [r.room, r.joinUrl]));
      }
    },

    /** Stored links only (no Graph call): for cards rendered while a person waits. */
    async stored(dialogueId: string): Promise<Map<number, string>> {
      const stored = await mc.repo.rooms(dialogueId);
      return new Map([...stored.values()].map((r) => [r.room, r.joinUrl]));
    },
  };
}
