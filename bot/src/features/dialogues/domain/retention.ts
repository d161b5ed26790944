import type { JobSpec } from "../../../platform/jobs/job-types";
import type { Dialogue } from "./types";

/** Job kinds of automatic retention (docs/reliability-security.md, "Retention and deletion"). */
export const RETENTION_KINDS = {
  erase: "dialogue.retentionErase",
  notice: "dialogue.retentionNotice",
} as const;

/** The creator is told this many days before the erase (and never gets less notice than this). */
export const RETENTION_NOTICE_DAYS = 14;

const DAY_MS = 24 * 60 * 60_000;

/**
 * Job ids of a dialogue's retention: one of each per dialogue, so rescheduling replaces them.
 * They must not start with the dialogue id (or `round-<id>`): the eraser cancels those by prefix,
 * and the erase job itself runs the eraser; it cancels these by exact id instead.
 */
export const retentionJobId = (dialogueId: string) => `retention-${dialogueId}`;
/** See {@link retentionJobId}. */
export const retentionNoticeJobId = (dialogueId: string) => `retention-notice-${dialogueId}`;

/** When the dialogue's personal data is due for erasure: its end plus the retention period. */
export function retentionDueAt(dialogue: Pick<Dialogue, "end">, days: number): Date {
  return new Date(dialogue.end.getTime() + days * DAY_MS);
}

/**
 * The erase and notice jobs of a dialogue. The erase never comes sooner than
 * {@link RETENTION_NOTICE_DAYS} after `now`, so the creator always has the notice's time —
 * also for dialogues already past due when retention was first scheduled for them.
 */
export function retentionJobs(dialogue: Pick<Dialogue, "id" | "end">, days: number, now: Date): JobSpec[] {
  const noticeMs = RETENTION_NOTICE_DAYS * DAY_MS;
  const eraseAt = new Date(Math.max(retentionDueAt(dialogue, days).getTime(), now.getTime() + noticeMs));
  const payload = { dialogueId: dialogue.id };
  return [
    { id: retentionJobId(dialogue.id), kind: RETENTION_KINDS.erase, dueAt: eraseAt, payload },
    {
      id: retentionNoticeJobId(dialogue.id),
      kind: RETENTION_KINDS.notice,
      dueAt: new Date(eraseAt.getTime() - noticeMs),
      payload,
    },
  ];
}
