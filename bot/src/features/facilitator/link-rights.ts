import type { Dialogue } from "../dialogues";
import { threadIdOf, type LinkRepository, type MeetingOrganiserLookup } from "../meetings";
import type { Caller } from "../rounds";

/** Why a side-panel link was refused (also the key of its message in `meetingLink`). */
export type LinkRefusal = "notOwnMeeting" | "linkedElsewhere";

/** What {@link checkMeetingLink} reads. */
export interface LinkRightsDeps {
  links: Pick<LinkRepository, "find">;
  loadDialogue(id: string): Promise<Dialogue | undefined>;
  /** Graph's answer to "does this user organise the meeting behind this link?" (Graph on only). */
  organiserOf?: MeetingOrganiserLookup;
  /** Graph reads only one tenant's directory and meetings (see dialogues' people lookups). */
  graphServesTenant?: (tenantId: string) => boolean;
}

/**
 * May `caller` (already known to be an organiser or facilitator of `dialogue`, in its tenant)
 * bind the meeting chat `threadId` to it? A link decides where the meeting's side panel and
 * presence go, so binding someone else's meeting would hijack them (issue #26 item 3):
 * 1. a meeting already linked to another dialogue moves only when an organiser of *that*
 *    dialogue asks (never across tenants);
 * 2. the meeting must be the dialogue's own: the one Dialogi created for it (Graph), or — with
 *    Graph on for the tenant — the dialogue's meeting link whose organiser Graph says is the
 *    caller (short `/meet/` links too); with Graph off, the meeting link its organisers put on the
 *    dialogue (its thread id is in the link; nothing better can be checked).
 */
export async function checkMeetingLink(
  deps: LinkRightsDeps,
  dialogue: Dialogue,
  threadId: string,
  caller: Caller,
): Promise<LinkRefusal | undefined> {
  const { tenantId, userId } = caller;
  if (!tenantId || !userId) return "notOwnMeeting";
  const existing = await deps.links.find(threadId);
  if (existing && existing.dialogueId !== dialogue.id) {
    if (existing.tenantId !== tenantId) return "linkedElsewhere";
    const other = await deps.loadDialogue(existing.dialogueId);
    // A link to a deleted dialogue is stale: it may be taken over by the meeting's own dialogue.
    if (other && !(other.tenantId === tenantId && other.organiserIds.includes(userId)))
      return "linkedElsewhere";
  }
  const linked = threadIdOf(dialogue.meetingUrl);
  if (dialogue.meetingAuto && linked === threadId) return undefined;
  if (deps.organiserOf && deps.graphServesTenant?.(tenantId)) {
    if (!dialogue.meetingUrl) return "notOwnMeeting";
    return (await deps.organiserOf(userId, dialogue.meetingUrl)) === threadId ? undefined : "notOwnMeeting";
  }
  return linked === threadId ? undefined : "notOwnMeeting";
}
