import { errorFields, type Logger } from "../../logger";
import { createCoalescingScheduler } from "../../platform/jobs/coalescing-scheduler";
import type { JobQueue } from "../../platform/jobs/job-types";
import type { Dialogue, MeetingHooks } from "../dialogues";

/** Job kinds of the meetings feature. */
export const MEETING_JOB_KINDS = { sync: "meetings.sync", rooms: "meetings.rooms" } as const;

/**
 * Job ids start with the dialogue id and "-", so deleting a dialogue cancels them with its
 * reminders (dialogues' eraser). One id per dialogue: every trigger reschedules the same job.
 */
export const meetingJobId = (dialogueId: string, what: "sync" | "rooms") => `${dialogueId}-meetings-${what}`;

/**
 * The hooks the dialogue services call. They only schedule the durable sync job (a table write),
 * coalescing bursts; a failure is logged, never thrown — the registration or edit that triggered
 * it has already been saved, and the next trigger (or the organiser's next edit) schedules again.
 */
export function createMeetingHooks(deps: { jobs: JobQueue; logger: Logger; now: () => Date }): MeetingHooks {
  const scheduler = createCoalescingScheduler(deps.jobs);
  const schedule = async (dialogueId: string) => {
    try {
      await scheduler.schedule({
        id: meetingJobId(dialogueId, "sync"),
        kind: MEETING_JOB_KINDS.sync,
        dueAt: deps.now(),
        payload: { dialogueId },
      });
    } catch (err) {
      deps.logger.warn("meeting sync not scheduled", { dialogueId, ...errorFields(err) });
    }
  };
  return {
    automatic: true,
    dialogueChanged: (d: Dialogue) => schedule(d.id),
    attendeesChanged: (dialogueId: string) => schedule(dialogueId),
  };
}
