import { errorFields } from "../../../logger";
import { graphFailure, graphStatus } from "../../../platform/graph/graph-client";
import { toLanguage } from "../../../platform/i18n/i18n";
import type { DeletedPayload } from "../scheduler";
import type { MeetingsContext } from "./context";
import { meetingsT } from "./notify";

const userPath = (aadId: string) => `/users/${encodeURIComponent(aadId)}`;

function parse(p: Record<string, unknown>): DeletedPayload | undefined {
  const { dialogueId, organiserId, eventId, rooms, lang } = p;
  if (typeof dialogueId !== "string" || typeof organiserId !== "string" || typeof lang !== "string")
    return undefined;
  if (eventId !== undefined && typeof eventId !== "string") return undefined;
  if (!Array.isArray(rooms) || !rooms.every((r) => typeof r === "string")) return undefined;
  return { dialogueId, organiserId, eventId, rooms: rooms as string[], lang };
}

/**
 * After a dialogue is deleted: its Outlook event is cancelled with a message (attendees get
 * Outlook's cancellation, as when the dialogue is cancelled), and its breakout rooms' Teams
 * meetings are deleted (their links were only on our cards, and their subjects carry the
 * dialogue's title, which the deletion erases everywhere else). Calls that Graph refuses for
 * good (403, 404, 400 — e.g. already cancelled) are logged and settled; an outage throws, so the
 * job retries, and repeating a step that already succeeded is harmless.
 */
export function createDeletedCleanUp(mc: MeetingsContext) {
  async function step(ids: { dialogueId: string }, what: string, call: () => Promise<unknown>) {
    try {
      await call();
      mc.logger.info(`${what} after deletion`, ids);
    } catch (err) {
      const failure = graphFailure(err);
      const fields = { ...ids, status: graphStatus(err), failure, ...errorFields(err) };
      if (failure === "unavailable" || failure === "throttled") {
        mc.logger.warn(`${what} after deletion failed; the job will retry`, fields);
        throw err;
      }
      mc.logger.warn(`${what} after deletion refused; not retried`, fields);
    }
  }

  return async (payload: Record<string, unknown>): Promise<void> => {
    const p = parse(payload);
    if (!p) {
      mc.logger.warn("meetings clean-up with a bad payload", {});
      return;
    }
    const ids = { dialogueId: p.dialogueId };
    const organiser = userPath(p.organiserId);
    if (p.eventId) {
      const comment = meetingsT(toLanguage(p.lang))("cancelComment");
      await step(ids, "calendar event cancelled", () =>
        mc.graph.api(`${organiser}/events/${encodeURIComponent(p.eventId!)}/cancel`).post({ comment }),
      );
    }
    for (const meetingId of p.rooms) {
      await step(ids, "room meeting deleted", () =>
        mc.graph.api(`${organiser}/onlineMeetings/${encodeURIComponent(meetingId)}`).delete(),
      );
    }
  };
}
