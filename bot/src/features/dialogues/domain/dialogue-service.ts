import type { JobQueue } from "../../../platform/jobs/job-types";
import { ConcurrencyError, DialogueError } from "./errors";
import { dialogueIdFor } from "./ids";
import { NO_MEETING_HOOKS, type DialogueStore, type MeetingHooks, type PeopleLookup } from "./ports";
import { createStaffService } from "./staff-service";
import { reminderJobIds, reminderJobs } from "./reminders";
import { retentionJobs } from "./retention";
import type { Dialogue, DialogueDetails, DialogueExtras, Person, Posting } from "./types";
import { isOrganiser } from "./user-state";

/** Dependencies of {@link createDialogueService}. */
export interface DialogueServiceDeps {
  dialogues: DialogueStore;
  jobs: JobQueue;
  now: () => Date;
  /** Teams meeting and invitation sync (Microsoft Graph); default: none (pasted links). */
  meetings?: MeetingHooks;
  /** Finds people added by e-mail (Microsoft Graph); default: none (they are matched later). */
  people?: PeopleLookup;
  /** Days after the end until the dialogue is erased (config); undefined = retention off. */
  retentionDays?: number;
}

const isOnline = (mode: DialogueDetails["mode"]) => mode === "remote" || mode === "hybrid";

const MAX_ID_ATTEMPTS = 5;

/**
 * Use cases of a dialogue: create (deduplicated by the form's nonce), read within a tenant,
 * edit and cancel by organisers (version-checked), and reminder scheduling.
 */
export function createDialogueService(deps: DialogueServiceDeps) {
  const { dialogues, jobs, now } = deps;
  const meetings = deps.meetings ?? NO_MEETING_HOOKS;

  /**
   * With automatic meetings an empty link means "make the Teams meeting for me"; the link made
   * earlier is kept through edits. A link the organiser pastes wins over the automatic one.
   */
  function meetingFields(
    details: DialogueDetails,
    before?: Dialogue,
  ): Pick<Dialogue, "meetingUrl" | "meetingAuto"> {
    const keepsAuto =
      before?.meetingAuto && (!details.meetingUrl || details.meetingUrl === before.meetingUrl);
    if (keepsAuto) return { meetingUrl: before.meetingUrl, meetingAuto: true };
    if (meetings.automatic && isOnline(details.mode) && !details.meetingUrl)
      return { meetingUrl: "", meetingAuto: true };
    return { meetingUrl: details.meetingUrl, meetingAuto: false };
  }

  async function scheduleReminders(d: Dialogue): Promise<void> {
    const due = reminderJobs(d, now());
    const dueIds = new Set(due.map((j) => j.id));
    for (const job of due) await jobs.schedule(job);
    // A reminder no longer in the future (time moved closer, or cancelled) must not fire.
    for (const id of reminderJobIds(d.id)) if (!dueIds.has(id)) await jobs.cancel(id);
  }

  /** (Re)schedules the dialogue's retention erase and its notice; same ids, so one of each. */
  async function scheduleRetention(d: Dialogue): Promise<void> {
    if (deps.retentionDays === undefined) return;
    for (const job of retentionJobs(d, deps.retentionDays, now())) await jobs.schedule(job);
  }

  /** Reads a dialogue of the caller's tenant; another tenant's dialogue is "not found". */
  async function get(id: string, tenantId: string | undefined): Promise<Dialogue> {
    const d = await dialogues.get(id);
    if (!d || !tenantId || d.tenantId !== tenantId) throw new DialogueError("notFound");
    return d;
  }

  /** Reads for an organiser-only operation, checking the card's version when one is given. */
  async function getForOrganiser(
    id: string,
    tenantId: string | undefined,
    userId: string | undefined,
    expectedVersion?: number,
  ): Promise<Dialogue> {
    const d = await get(id, tenantId);
    if (!isOrganiser(d, userId)) throw new DialogueError("forbidden");
    if (expectedVersion !== undefined && expectedVersion !== d.version) throw new DialogueError("stale");
    return d;
  }

  async function save(next: Dialogue, expectedVersion: number): Promise<Dialogue> {
    try {
      await dialogues.update(next, expectedVersion);
    } catch (err) {
      if (err instanceof ConcurrencyError) throw new DialogueError("stale");
      throw err;
    }
    return next;
  }

  const staff = createStaffService({ dialogues, now, people: deps.people, getForOrganiser });

  return {
    get,
    getForOrganiser,
    /** Co-organisers, facilitators and the audit trail. */
    staff,
    /** Reads without a tenant check: only for background jobs, whose payload we wrote ourselves. */
    load: (id: string) => dialogues.get(id),

    /**
     * Creates a dialogue; the creator becomes organiser and facilitator. Submitting the same
     * form (same nonce) again returns the first dialogue with `created: false`.
     */
    async create(input: {
      tenantId: string;
      creator: Person;
      nonce: string;
      details: DialogueDetails;
      /** Set by other features (peer dialogues, templates); kept through edits. */
      extras?: DialogueExtras;
    }): Promise<{ dialogue: Dialogue; created: boolean }> {
      for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
        const at = now();
        const candidate: Dialogue = {
          ...input.extras,
          ...input.details,
          ...meetingFields(input.details),
          id: dialogueIdFor(input.tenantId, input.creator.aadId, input.nonce, attempt),
          tenantId: input.tenantId,
          state: "open",
          version: 1,
          createdBy: input.creator,
          organiserIds: [input.creator.aadId],
          facilitators: [input.creator],
          createdAt: at,
          updatedAt: at,
        };
        const result = await dialogues.create(candidate);
        const mine =
          result.dialogue.tenantId === input.tenantId &&
          result.dialogue.createdBy.aadId === input.creator.aadId;
        if (result.created) {
          await staff.audit(result.dialogue.id, input.creator.aadId, "dialogue.create");
          await scheduleReminders(result.dialogue);
          await scheduleRetention(result.dialogue);
          await meetings.dialogueChanged(result.dialogue);
        }
        if (result.created || mine) return result;
        // An id collision with someone else's dialogue: derive the next id.
      }
      throw new DialogueError("busy");
    },

    /** Replaces the details of an open dialogue (organisers only; the card's version must be current). */
    async edit(input: {
      id: string;
      tenantId: string | undefined;
      userId: string | undefined;
      version: number;
      details: DialogueDetails;
      /** The method chosen on the form; its group sizes replace the old ones, other grouping policies stay. */
      method?: Pick<DialogueExtras, "method" | "participationLevel" | "grouping">;
    }): Promise<{ before: Dialogue; after: Dialogue }> {
      const before = await getForOrganiser(input.id, input.tenantId, input.userId, input.version);
      if (before.state === "cancelled") throw new DialogueError("cancelled");
      const method = input.method && {
        ...input.method,
        grouping: { ...before.grouping, ...input.method.grouping },
      };
      const after = await save(
        {
          ...before,
          ...input.details,
          ...method,
          ...meetingFields(input.details, before),
          version: before.version + 1,
          updatedAt: now(),
        },
        before.version,
      );
      await staff.audit(after.id, input.userId!, "dialogue.edit");
      await scheduleReminders(after);
      if (after.end.getTime() !== before.end.getTime()) await scheduleRetention(after);
      await meetings.dialogueChanged(after);
      return { before, after };
    },

    /** Cancels the dialogue (organisers only); reminders are withdrawn. Idempotent. */
    async cancel(input: {
      id: string;
      tenantId: string | undefined;
      userId: string | undefined;
      version?: number;
    }): Promise<{ dialogue: Dialogue; changed: boolean }> {
      const d = await getForOrganiser(input.id, input.tenantId, input.userId);
      if (d.state === "cancelled") return { dialogue: d, changed: false };
      if (input.version !== undefined && input.version !== d.version) throw new DialogueError("stale");
      const after = await save(
        { ...d, state: "cancelled", version: d.version + 1, updatedAt: now() },
        d.version,
      );
      await staff.audit(after.id, input.userId!, "dialogue.cancel");
      for (const id of reminderJobIds(d.id)) await jobs.cancel(id);
      await meetings.dialogueChanged(after);
      return { dialogue: after, changed: true };
    },

    /**
     * Records that the dialogue was ended by its facilitator (called by the rounds feature's
     * end hook): registration and posting close, reminders are withdrawn. Idempotent.
     */
    async markEnded(dialogueId: string, tenantId: string | undefined): Promise<Dialogue> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const d = await get(dialogueId, tenantId);
        if (d.endedAt) return d;
        try {
          const after = await save(
            { ...d, endedAt: now(), version: d.version + 1, updatedAt: now() },
            d.version,
          );
          for (const id of reminderJobIds(d.id)) await jobs.cancel(id);
          return after;
        } catch (err) {
          if (!(err instanceof DialogueError && err.code === "stale")) throw err;
        }
      }
      throw new DialogueError("busy");
    },

    /**
     * Sets the breakout group sizes (the facilitator's controls; the caller's role is checked by
     * the rounds feature). Other grouping policies stay; the target is kept between the sizes.
     */
    async setGroupSizes(
      dialogueId: string,
      tenantId: string | undefined,
      sizes: { minSize: number; maxSize: number },
    ): Promise<Dialogue> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const d = await get(dialogueId, tenantId);
        const target = d.grouping?.targetSize ?? Math.round((sizes.minSize + sizes.maxSize) / 2);
        const grouping = {
          ...d.grouping,
          ...sizes,
          targetSize: Math.min(sizes.maxSize, Math.max(sizes.minSize, target)),
        };
        try {
          return await save({ ...d, grouping, version: d.version + 1, updatedAt: now() }, d.version);
        } catch (err) {
          if (!(err instanceof DialogueError && err.code === "stale")) throw err;
        }
      }
      throw new DialogueError("busy");
    },

    /** For the retention job when the end moved after it was scheduled, and the start-up sweep. */
    scheduleRetention,

    /** Dialogues the user organises in their tenant. */
    listMine: (tenantId: string, userId: string) => dialogues.listByOrganiser(tenantId, userId),
    /** Dialogues where a role waits for this e-mail address (someone added by e-mail). */
    listPendingFor: (tenantId: string, email: string) => dialogues.listByPendingEmail(tenantId, email),

    /** Remembers where an invitation card was posted, so edits and cancellation update it. */
    recordPosting: (dialogueId: string, posting: Posting) => dialogues.addPosting(dialogueId, posting),
    postings: (dialogueId: string) => dialogues.listPostings(dialogueId),
    /** True the first time a key is claimed for a dialogue (deduplicates repeated submissions). */
    claimOnce: (dialogueId: string, key: string) => dialogues.claimOnce(dialogueId, key),
    /** Stores the Teams link the meetings job made (no version change). */
    setMeetingUrl: (dialogueId: string, url: string) => dialogues.setMeetingUrl(dialogueId, url),
    /** True when Teams meetings and invitations are made automatically (Graph configured). */
    automaticMeetings: meetings.automatic,
    /** Before an erase: the Outlook event is cancelled and room meetings deleted (in the background). */
    erasing: (dialogue: Dialogue) => meetings.dialogueDeleted(dialogue),
  };
}

/** The dialogue service type. */
export type DialogueService = ReturnType<typeof createDialogueService>;
