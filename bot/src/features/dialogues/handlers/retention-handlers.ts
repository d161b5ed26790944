import { toLanguage, type Language } from "../../../platform/i18n/i18n";
import type { JobHandler } from "../../../platform/jobs/job-types";
import { escapeMarkdown } from "../../../platform/teams/markdown";
import { displayDate } from "../../../platform/time/helsinki-time";
import { isDialogueId } from "../domain/ids";
import { RETENTION_KINDS, RETENTION_NOTICE_DAYS, retentionDueAt } from "../domain/retention";
import type { Dialogue } from "../domain/types";
import type { DialogueEraser } from "../store/dialogue-eraser";
import type { DialogueContext } from "./context";
import { dialogueT, whenText } from "./texts";

/** What the retention jobs need besides the dialogue context. */
export interface RetentionDeps {
  /**
   * Days after the end (config `DIALOGUE_RETENTION_DAYS`); undefined = off: jobs scheduled before
   * it was turned off are dropped (the start-up sweep schedules them anew once it is on again).
   */
  days: number | undefined;
  eraser: DialogueEraser;
  /** The language a person chose in the bot, if any (the notice falls back to the dialogue's). */
  languageOf: (aadId: string) => Promise<Language | undefined>;
}

const DAY_MS = 24 * 60 * 60_000;
/** One-time marker: the creator is told once per dialogue, however often the job runs. */
const NOTICE_ONCE = "retention-notice";

async function loadFor(dc: DialogueContext, payload: Record<string, unknown>, jobId: string) {
  const id = payload.dialogueId;
  if (!isDialogueId(id)) {
    dc.logger.warn("retention job with a bad payload", { jobId });
    return undefined;
  }
  // Gone (deleted by its creator, or erased by an earlier run): nothing to do.
  return dc.dialogues.load(id);
}

/**
 * Erases a dialogue whose retention period has passed, exactly as its creator's `delete dialogue`
 * does (Teams meetings first, while their ids are stored). A dialogue whose end moved later
 * since the job was scheduled gets its jobs rescheduled instead. Idempotent: a repeated run
 * finds the dialogue gone.
 */
function eraseHandler(dc: DialogueContext, deps: RetentionDeps): JobHandler {
  return async (payload, job) => {
    if (deps.days === undefined) return dc.logger.info("retention off; job dropped", { jobId: job.id });
    const dialogue = await loadFor(dc, payload, job.id);
    if (!dialogue) return;
    if (retentionDueAt(dialogue, deps.days) > dc.now()) {
      await dc.dialogues.scheduleRetention(dialogue);
      dc.logger.info("dialogue retention rescheduled", { dialogueId: dialogue.id });
      return;
    }
    await dc.dialogues.erasing(dialogue);
    const rows = await deps.eraser.erase(dialogue);
    dc.logger.info("dialogue erased by retention", { dialogueId: dialogue.id, rows });
  };
}

function noticeText(lang: Language, dialogue: Dialogue, days: number, eraseAt: Date): string {
  const t = dialogueT(lang);
  return t("retention.notice", {
    title: escapeMarkdown(dialogue.title),
    when: whenText(t, dialogue),
    date: displayDate(eraseAt),
    days,
    id: dialogue.id,
  });
}

/**
 * Tells the dialogue's creator, once, that its data will be erased in about
 * {@link RETENTION_NOTICE_DAYS} days, through the durable outbox. A creator the bot cannot reach
 * (left the organisation, app removed) is a failed delivery, and the erase goes ahead anyway.
 */
function noticeHandler(dc: DialogueContext, deps: RetentionDeps): JobHandler {
  return async (payload, job) => {
    if (deps.days === undefined) return dc.logger.info("retention off; job dropped", { jobId: job.id });
    const dialogue = await loadFor(dc, payload, job.id);
    if (!dialogue) return;
    const due = retentionDueAt(dialogue, deps.days);
    // The end moved later since this was scheduled: the edit scheduled a new notice.
    if (due.getTime() - dc.now().getTime() > (RETENTION_NOTICE_DAYS + 1) * DAY_MS) return;
    const creator = dialogue.createdBy.aadId;
    const lang = (await deps.languageOf(creator)) ?? toLanguage(dialogue.languages[0]);
    // The erase job's time (never sooner than the notice period from now).
    const eraseAt = new Date(Math.max(due.getTime(), job.dueAt.getTime() + RETENTION_NOTICE_DAYS * DAY_MS));
    const text = noticeText(lang, dialogue, deps.days, eraseAt);
    // Once per dialogue: the outbox key is the "once" (a rerun, or a notice job scheduled again
    // after an edit, finds the row and sends nothing). Recorded before anything is sent, so a
    // crash loses nothing; a creator the bot cannot reach is a failed delivery the organisers
    // see, and the erase goes ahead anyway. Throws when it cannot be recorded (the job retries).
    await dc.outbox.enqueue({ key: NOTICE_ONCE, dialogueId: dialogue.id, label: "retentionNotice" }, [
      {
        recipient: creator,
        target: { kind: "user", userId: creator, tenantId: dialogue.tenantId },
        payload: { type: "message", text },
      },
    ]);
    dc.logger.info("retention notice recorded", { dialogueId: dialogue.id });
  };
}

/** Job kind → handler of automatic retention, for the job runner's registry. */
export function createRetentionHandlers(
  dc: DialogueContext,
  deps: RetentionDeps,
): Record<string, JobHandler> {
  return {
    [RETENTION_KINDS.erase]: eraseHandler(dc, deps),
    [RETENTION_KINDS.notice]: noticeHandler(dc, deps),
  };
}
