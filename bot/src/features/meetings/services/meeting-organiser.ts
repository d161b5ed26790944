import type { GraphClient } from "../../../platform/graph/graph-client";
import { statusOf } from "../../../platform/tables/errors";

/**
 * The meeting chat's thread id of the Teams meeting behind `joinUrl` — but only when `userId`
 * organises it: Graph lists a user's online meetings by join link (`GET /users/{id}/onlineMeetings
 * ?$filter=JoinWebUrl eq '…'`, `OnlineMeetings.ReadWrite.All`) and answers nothing for another
 * organiser's meeting. Works for the short `/meet/<id>` links too (`chatInfo.threadId`).
 * Undefined when the user does not organise it (or the access policy does not cover them);
 * other Graph failures throw.
 */
export type MeetingOrganiserLookup = (userId: string, joinUrl: string) => Promise<string | undefined>;

/** Builds the lookup over the app's Graph client. */
export function createMeetingOrganiserLookup(graph: GraphClient): MeetingOrganiserLookup {
  return async (userId, joinUrl) => {
    try {
      const res = (await graph
        .api(`/users/${encodeURIComponent(userId)}/onlineMeetings`)
        // The link percent-encoded once more (Graph's documented form): the client sends the
        // filter as written, and the link's own %-escapes must survive the server's decoding.
        .filter(`JoinWebUrl eq '${encodeURIComponent(joinUrl.replace(/'/g, "''"))}'`)
        .get()) as { value?: { chatInfo?: { threadId?: string } }[] } | undefined;
      return res?.value?.[0]?.chatInfo?.threadId ?? undefined;
    } catch (err) {
      // 403: the access policy does not cover this user; 404: no such user or meeting.
      if (statusOf(err) === 403 || statusOf(err) === 404) return undefined;
      throw err;
    }
  };
}
