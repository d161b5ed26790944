import type { Dialogue, Registration, RegistrationCounts } from "./types";

/** What one person sees on the invitation card. */
export type UserState =
  "notRegistered" | "registered" | "waitlisted" | "closed" | "full" | "cancelled" | "ended";

/** The invitation state for one person, from the dialogue, their registration and the counts. */
export function userState(
  dialogue: Dialogue,
  registration: Registration | undefined,
  counts: RegistrationCounts,
  now: Date,
): UserState {
  if (dialogue.state === "cancelled") return "cancelled";
  if (dialogue.endedAt) return "ended";
  if (registration?.status === "confirmed") return "registered";
  if (registration?.status === "waitlisted") return "waitlisted";
  if (!registrationOpen(dialogue, now)) return "closed";
  if (counts.confirmed >= dialogue.capacity) return "full";
  return "notRegistered";
}

/** Registration is open until the deadline (server clock) while the dialogue is neither cancelled nor ended. */
export function registrationOpen(dialogue: Dialogue, now: Date): boolean {
  return dialogue.state === "open" && !dialogue.endedAt && now < dialogue.deadline && now < dialogue.start;
}

/** Seats still free (never negative). */
export function seatsLeft(dialogue: Dialogue, counts: RegistrationCounts): number {
  return Math.max(dialogue.capacity - counts.confirmed, 0);
}

/** True when the person may edit the dialogue and see its registrants. */
export function isOrganiser(dialogue: Dialogue, userId: string | undefined): boolean {
  return !!userId && dialogue.organiserIds.includes(userId);
}

/**
 * True when the person may delete (erase) the dialogue: only its creator. Deleting removes every
 * registration, note and summary and cancels the Outlook event, so a co-organiser added through
 * "Manage organisers" may edit or cancel but not erase it on their own (the creator can never be
 * removed from the organisers, staff-service.ts, so this cannot be taken over either).
 */
export function mayDelete(dialogue: Dialogue, userId: string | undefined): boolean {
  return !!userId && dialogue.createdBy.aadId === userId && isOrganiser(dialogue, userId);
}

/** True when the person facilitates the dialogue (organisers who created it are facilitators too). */
export function isFacilitator(dialogue: Dialogue, userId: string | undefined): boolean {
  return !!userId && dialogue.facilitators.some((f) => f.aadId === userId);
}
