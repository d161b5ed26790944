import type { JobSpec } from "../../../platform/jobs/job-types";

/** Job kinds of the rounds feature. */
export const ROUND_JOB_KINDS = {
  announce: "round.announce",
  fiveMinutesLeft: "round.fiveMinutesLeft",
  twoMinutesLeft: "round.twoMinutesLeft",
  over: "round.over",
  /** Finishes a start/extend/end whose steps were left undone (run-repair.ts). */
  repair: "round.repair",
} as const;

/** The jobs that belong to a running round's end (rescheduled on extend, withdrawn on end). */
export const TIMER_KINDS = ["fiveMinutesLeft", "twoMinutesLeft", "over"] as const;

/** Lead time of the warning before a round ends. */
export const WARNING_LEAD_MS = 5 * 60_000;
/** Lead time of the "2 minutes left" in-meeting notification. */
export const NOTICE_LEAD_MS = 2 * 60_000;

/**
 * Job ids derived from dialogue + round (+ kind): scheduling again (extending a round) replaces
 * the pending job instead of adding a second one.
 */
export const roundJobId = (dialogueId: string, round: number, kind: keyof typeof ROUND_JOB_KINDS) =>
  `round-${dialogueId}-r${round}-${kind}`;

/** Payload of the round jobs (ids and the end time they were scheduled for; no personal data). */
export interface RoundJobPayload {
  dialogueId: string;
  round: number;
  /** ISO end time the job belongs to; a job for an older end time (extended since) is skipped. */
  endsAt: string;
}

/** The timer jobs of a running round ending at `endsAt` (the warnings only if still ahead). */
export function timerJobs(dialogueId: string, round: number, endsAt: Date, now: Date): JobSpec[] {
  const payload: RoundJobPayload = { dialogueId, round, endsAt: endsAt.toISOString() };
  const jobs: JobSpec[] = [];
  const warnAt = new Date(endsAt.getTime() - WARNING_LEAD_MS);
  if (warnAt > now) {
    jobs.push({
      id: roundJobId(dialogueId, round, "fiveMinutesLeft"),
      kind: ROUND_JOB_KINDS.fiveMinutesLeft,
      dueAt: warnAt,
      payload: { ...payload },
    });
  }
  const noticeAt = new Date(endsAt.getTime() - NOTICE_LEAD_MS);
  if (noticeAt > now) {
    jobs.push({
      id: roundJobId(dialogueId, round, "twoMinutesLeft"),
      kind: ROUND_JOB_KINDS.twoMinutesLeft,
      dueAt: noticeAt,
      payload: { ...payload },
    });
  }
  jobs.push({
    id: roundJobId(dialogueId, round, "over"),
    kind: ROUND_JOB_KINDS.over,
    dueAt: endsAt,
    payload: { ...payload },
  });
  return jobs;
}
