import type {
  AttendanceChange,
  AttendancePlan,
  ConsoleOperation,
  ConsoleOperationBody,
  DeliveriesView,
  FacilitatorConsole,
  MeetingConsole,
  MeetingLinkBody,
  RetryDeliveriesResult,
} from "@dialogi/contracts";
import { ApiError, api } from "../../platform/api/client";

const enc = encodeURIComponent;

/** The dialogue linked to the meeting chat, or undefined when none is. */
export async function findLinkedDialogue(
  threadId: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    return (await api<MeetingLinkBody>(`/api/meeting/link?thread=${enc(threadId)}`, { signal })).dialogueId;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** Links the meeting chat to a dialogue (its facilitators and organisers only). */
export const linkMeeting = (threadId: string, dialogueId: string) =>
  api<MeetingLinkBody>("/api/meeting/link", { method: "PUT", body: { threadId, dialogueId } });

/** The console (facilitators) or the caller's group (participants). */
export const getConsole = (dialogueId: string, signal?: AbortSignal) =>
  api<MeetingConsole>(`/api/meeting/dialogues/${enc(dialogueId)}`, { signal });

/** Runs a facilitator operation; answers with the console after it. */
export const runOperation = (dialogueId: string, op: ConsoleOperation, body: ConsoleOperationBody = {}) =>
  api<FacilitatorConsole>(`/api/meeting/dialogues/${enc(dialogueId)}/${op}`, { method: "POST", body });

/**
 * What marking `person` absent, adding them as a late joiner or moving the members of `group`
 * would do; nothing changes yet.
 */
export const getAttendancePlan = (
  dialogueId: string,
  change: AttendanceChange,
  about: { person: string } | { group: number },
) =>
  api<AttendancePlan>(
    `/api/meeting/dialogues/${enc(dialogueId)}/attendance-plan?change=${change}&${
      "person" in about ? `person=${enc(about.person)}` : `group=${about.group}`
    }`,
  );

/** What the app sent for the dialogue and what did not arrive (organisers and facilitators). */
export const getDeliveries = (dialogueId: string, signal?: AbortSignal) =>
  api<DeliveriesView>(`/api/meeting/dialogues/${enc(dialogueId)}/deliveries`, { signal });

/** Sends failed deliveries again (all of them without `ids`). */
export const retryDeliveries = (dialogueId: string, ids?: string[]) =>
  api<RetryDeliveriesResult>(`/api/meeting/dialogues/${enc(dialogueId)}/deliveries/retry`, {
    method: "POST",
    body: ids ? { ids } : {},
  });
