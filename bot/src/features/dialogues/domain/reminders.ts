import type { JobSpec } from "../../../platform/jobs/job-types";
import type { Dialogue } from "./types";

/** Job kinds of the personal reminders. */
export const REMINDER_KINDS = {
  day: "dialogue.reminder24h",
  soon: "dialogue.reminder15m",
} as const;
export type ReminderKind = (typeof REMINDER_KINDS)[keyof typeof REMINDER_KINDS];

const LEADS: { kind: ReminderKind; minutes: number; suffix: string }[] = [
  { kind: REMINDER_KINDS.day, minutes: 24 * 60, suffix: "r24h" },
  { kind: REMINDER_KINDS.soon, minutes: 15, suffix: "r15m" },
];

/** Minutes remote participants may join before the start ("the room opens 10 min early"). */
export const REMOTE_OPENS_EARLY_MIN = 10;

/** Job id of a reminder: derived from the dialogue id so rescheduling replaces it. */
export function reminderJobId(dialogueId: string, kind: ReminderKind): string {
  return `${dialogueId}-${LEADS.find((l) => l.kind === kind)!.suffix}`;
}

/** Every reminder job id of a dialogue (for cancelling). */
export function reminderJobIds(dialogueId: string): string[] {
  return LEADS.map((l) => reminderJobId(dialogueId, l.kind));
}

/** The reminder jobs still in the future for a dialogue (none once it is cancelled). */
export function reminderJobs(dialogue: Dialogue, now: Date): JobSpec[] {
  if (dialogue.state !== "open") return [];
  return LEADS.map((l) => ({
    id: reminderJobId(dialogue.id, l.kind),
    kind: l.kind,
    dueAt: new Date(dialogue.start.getTime() - l.minutes * 60_000),
    payload: { dialogueId: dialogue.id, version: dialogue.version },
  })).filter((j) => j.dueAt > now);
}
