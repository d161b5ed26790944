import { errorFields, type Logger } from "../../logger";
import { createCoalescingScheduler } from "../../platform/jobs/coalescing-scheduler";
import type { JobQueue } from "../../platform/jobs/job-types";
import type { Dialogue, MeetingHooks } from "../dialogues";
import type { MeetingRepository } from "./store/meeting-repository";

/** Job kinds of the meetings feature. */
export const MEETING_JOB_KINDS = {
  sync: "meetings.sync",
  rooms: "meetings.rooms",
  deleted: "meetings.deleted",
} as const;

/**
 * The clean-up job after a dialogue is deleted. Its id must NOT start with the dialogue id: the
 * eraser cancels those jobs, and this one has to run after the erase.
 */
export const deletedJobId = (dialogueId: string) => `meetings-deleted-${dialogueId}`;

/** Payload of the clean-up job: ids only (the stored rows are gone by the time it runs). */
export interface DeletedPayload {
  dialogueId: string;
  /** Whose calendar and meetings (the dialogue's creator, as for every Graph call). */
  organiserId: string;
  /** The event to cancel, when one exists and is not cancelled yet. */
  eventId?: string;
  /** Breakout rooms' online meeting ids. */
  rooms: string[];
  /** Language of the cancellation comment. */
  lang: string;
}

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
export function createMeetingHooks(deps: {
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  repo: MeetingRepository;
}): MeetingHooks {
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
    async dialogueDeleted(d: Dialogue) {
      try {
        const event = await deps.repo.event(d.id);
        const rooms = [...(await deps.repo.rooms(d.id)).values()].map((r) => r.meetingId);
        const eventId = event.eventId && !event.cancelled ? event.eventId : undefined;
        if (!eventId && !rooms.length) return;
        const payload: DeletedPayload = {
          dialogueId: d.id,
          organiserId: d.createdBy.aadId,
          ...(eventId ? { eventId } : {}),
          rooms,
          lang: d.languages[0] ?? "fi",
        };
        await deps.jobs.schedule({
          id: deletedJobId(d.id),
          kind: MEETING_JOB_KINDS.deleted,
          dueAt: deps.now(),
          payload: { ...payload },
        });
      } catch (err) {
        deps.logger.warn("meeting clean-up not scheduled; the Outlook event stays", {
          dialogueId: d.id,
          ...errorFields(err),
        });
      }
    },
  };
}
