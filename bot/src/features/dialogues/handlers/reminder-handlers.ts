import type { JobHandler } from "../../../platform/jobs/job-types";
import { isDialogueId } from "../domain/ids";
import { REMINDER_KINDS, REMOTE_OPENS_EARLY_MIN, type ReminderKind } from "../domain/reminders";
import type { Dialogue, Registration } from "../domain/types";
import type { DialogueContext } from "./context";
import { fanOut, titleFor } from "./notify";
import { dialogueT, whenText } from "./texts";

const LEAD_MIN: Record<ReminderKind, number> = {
  [REMINDER_KINDS.day]: 24 * 60,
  [REMINDER_KINDS.soon]: 15,
};
const NOTICE = {
  [REMINDER_KINDS.day]: "reminder24h",
  [REMINDER_KINDS.soon]: "reminder15m",
} as const;

/** A job whose due time no longer matches the dialogue's start (moved since) is skipped. */
const TOLERANCE_MS = 60_000;

function reminderText(kind: ReminderKind, dialogue: Dialogue, r: Registration): string {
  const t = dialogueT(r.uiLang);
  const key = kind === REMINDER_KINDS.day ? "notify.reminder24h" : "notify.reminder15m";
  const text = t(key, { title: titleFor(dialogue, r), when: whenText(t, dialogue) });
  const remote = dialogue.mode !== "inPerson" && dialogue.meetingUrl;
  return remote ? `${text} ${t("notify.roomOpens", { minutes: REMOTE_OPENS_EARLY_MIN })}` : text;
}

/**
 * One reminder job: re-reads the dialogue and its confirmed registrants (the payload carries
 * ids only), skips cancelled or rescheduled dialogues, and messages each person who has not had
 * this reminder yet. Re-running after a partial failure sends only the missing ones.
 */
function reminderHandler(dc: DialogueContext, kind: ReminderKind): JobHandler {
  return async (payload, job) => {
    const id = payload.dialogueId;
    if (!isDialogueId(id)) {
      dc.logger.warn("reminder job with a bad payload", { jobId: job.id });
      return;
    }
    const dialogue = await dc.dialogues.load(id);
    if (!dialogue || dialogue.state !== "open") return;
    const due = dialogue.start.getTime() - LEAD_MIN[kind] * 60_000;
    if (Math.abs(job.dueAt.getTime() - due) > TOLERANCE_MS) return;
    if (dc.now() >= dialogue.start) return;
    // Recorded under a key of the kind and the start time: overlapping or repeated runs find
    // the same rows and send nothing twice; the sender retries, and what fails for good is shown
    // to the organisers and facilitators with "send again". People from the public page get it
    // by e-mail, recorded under the same decision and their id (the mail is durable too).
    const confirmed = await dc.registrations.confirmed(id);
    const label = NOTICE[kind];
    const recorded = await fanOut(
      dc,
      dialogue,
      confirmed.filter((r) => !r.reminded.includes(kind)),
      (r) => reminderText(kind, dialogue, r),
      true,
      label,
      undefined,
      { key: `${label}|${dialogue.start.toISOString()}`, label },
    );
    dc.logger.info("reminders recorded", { dialogueId: id, kind, recipients: confirmed.length, recorded });
  };
}

/** Job kind → handler, for the job runner's registry. */
export function createReminderHandlers(dc: DialogueContext): Record<string, JobHandler> {
  return {
    [REMINDER_KINDS.day]: reminderHandler(dc, REMINDER_KINDS.day),
    [REMINDER_KINDS.soon]: reminderHandler(dc, REMINDER_KINDS.soon),
  };
}
