import type { DialogueService } from "./dialogue-service";
import { DialogueError } from "./errors";
import { NO_MEETING_HOOKS, type MeetingHooks, type RegistrationStore } from "./ports";
import type {
  Dialogue,
  DialogueLanguage,
  Person,
  Registration,
  RegistrationAnswers,
  RegistrationCounts,
} from "./types";
import { audienceOf, isExternalUserId } from "./ids";
import { registrationOpen, seatsLeft, userState, type UserState } from "./user-state";

/** Dependencies of {@link createRegistrationService}. */
export interface RegistrationServiceDeps {
  dialogues: DialogueService;
  registrations: RegistrationStore;
  now: () => Date;
  /** Told when the confirmed set changes (calendar attendees); default: nobody. */
  meetings?: MeetingHooks;
}

/** Everything the invitation card needs for one person. */
export interface InvitationView {
  dialogue: Dialogue;
  registration?: Registration;
  counts: RegistrationCounts;
  state: UserState;
  seatsLeft: number;
}

/**
 * Registration use cases: register (seat or waitlist, never overbooked), cancel (promoting the
 * next in line), per-person views and registrant lists for organisers and grouping.
 */
export function createRegistrationService(deps: RegistrationServiceDeps) {
  const { dialogues, registrations, now } = deps;
  const meetings = deps.meetings ?? NO_MEETING_HOOKS;

  async function view(dialogue: Dialogue, userId: string | undefined): Promise<InvitationView> {
    const [registration, counts] = await Promise.all([
      userId ? registrations.get(dialogue.id, userId) : Promise.resolve(undefined),
      registrations.counts(dialogue.id),
    ]);
    const active = registration && registration.status !== "cancelled" ? registration : undefined;
    return {
      dialogue,
      registration: active,
      counts,
      state: userState(dialogue, active, counts, now()),
      seatsLeft: seatsLeft(dialogue, counts),
    };
  }

  /**
   * Seats a cancel may pass on: none once the dialogue is over (ended by a facilitator or past its
   * end), or the next in line would be told "you got a seat" for a dialogue nobody can attend.
   */
  const seatsToFill = (d: Dialogue) => (d.endedAt || now() >= d.end ? 0 : d.capacity);

  const service = {
    view,

    /**
     * Registers the caller. Idempotent per person: registering again keeps the seat (or the
     * waitlist place) and updates the answers. Refused after the deadline (server clock) and
     * for cancelled dialogues; accepting the ground rules is required.
     */
    async register(input: {
      dialogueId: string;
      tenantId: string | undefined;
      person: Person;
      uiLang: DialogueLanguage;
      answers: RegistrationAnswers;
      groundRulesAccepted: boolean;
    }): Promise<{ registration: Registration; already: boolean; dialogue: Dialogue }> {
      const dialogue = await dialogues.get(input.dialogueId, input.tenantId);
      if (dialogue.state === "cancelled") throw new DialogueError("cancelled");
      if (dialogue.endedAt) throw new DialogueError("ended");
      if (!input.groundRulesAccepted) throw new DialogueError("groundRules");
      if (!registrationOpen(dialogue, now())) {
        const existing = await registrations.get(dialogue.id, input.person.aadId);
        if (existing && existing.status !== "cancelled")
          return { registration: existing, already: true, dialogue };
        throw new DialogueError("closed");
      }
      const result = await registrations.register(
        {
          dialogueId: dialogue.id,
          userId: input.person.aadId,
          teamsId: input.person.teamsId,
          name: input.person.name,
          uiLang: input.uiLang,
          ...input.answers,
        },
        dialogue.capacity,
        now(),
      );
      if (!result.already && result.registration.status === "confirmed")
        await meetings.attendeesChanged(dialogue.id);
      return { ...result, dialogue };
    },

    /** Cancels the caller's registration; returns whoever was promoted from the waitlist. */
    async cancel(input: {
      dialogueId: string;
      tenantId: string | undefined;
      userId: string;
    }): Promise<{ dialogue: Dialogue; cancelled: Registration; promoted?: Registration }> {
      const dialogue = await dialogues.get(input.dialogueId, input.tenantId);
      const result = await registrations.cancel(dialogue.id, input.userId, seatsToFill(dialogue));
      if (!result.cancelled) throw new DialogueError("notRegistered");
      await meetings.attendeesChanged(dialogue.id);
      return { dialogue, cancelled: result.cancelled, promoted: result.promoted };
    },

    /** After an organiser raised the capacity: promotes waitlisted people into the new seats. */
    async fillFromWaitlist(dialogue: Dialogue): Promise<Registration[]> {
      if (dialogue.state !== "open") return [];
      const promoted = await registrations.fillFromWaitlist(dialogue.id, dialogue.capacity);
      if (promoted.length > 0) await meetings.attendeesChanged(dialogue.id);
      return promoted;
    },

    /** Every active registration (confirmed and waitlisted), in arrival order. */
    async active(dialogueId: string): Promise<Registration[]> {
      return (await registrations.list(dialogueId)).filter((r) => r.status !== "cancelled");
    },

    /** Confirmed registrants with their grouping attributes (language, organisation, background, scribe). */
    async confirmed(dialogueId: string): Promise<Registration[]> {
      return (await registrations.list(dialogueId)).filter((r) => r.status === "confirmed");
    },

    /**
     * A dialogue open to the public (any tenant, no sign-in); anything else — unknown, not
     * public — is "not found", so the public page cannot be used to probe other dialogues.
     */
    async publicDialogue(id: string): Promise<Dialogue> {
      const d = await dialogues.load(id);
      if (!d || audienceOf(d) !== "public") throw new DialogueError("notFound");
      return d;
    },

    /**
     * Registers a person from the public page (after their e-mail was confirmed) into the same
     * seat pool as Teams users: same counter, waitlist order and deadline. `userId` must be a
     * minted external key; repeating it keeps the place (idempotent confirm).
     */
    async registerExternal(input: {
      dialogueId: string;
      userId: string;
      name: string;
      uiLang: DialogueLanguage;
      answers: RegistrationAnswers;
      groundRulesAccepted: boolean;
    }): Promise<{ registration: Registration; already: boolean; dialogue: Dialogue }> {
      if (!isExternalUserId(input.userId)) throw new DialogueError("forbidden");
      const dialogue = await service.publicDialogue(input.dialogueId);
      const tenantId = dialogue.tenantId;
      return service.register({
        dialogueId: dialogue.id,
        tenantId,
        person: { aadId: input.userId, name: input.name },
        uiLang: input.uiLang,
        answers: input.answers,
        groundRulesAccepted: input.groundRulesAccepted,
      });
    },

    /** Cancels an external registration (promoting the next in line); no tenant involved. */
    async cancelExternal(dialogueId: string, userId: string) {
      if (!isExternalUserId(userId)) throw new DialogueError("forbidden");
      const dialogue = await dialogues.load(dialogueId);
      if (!dialogue) throw new DialogueError("notFound");
      const result = await registrations.cancel(dialogue.id, userId, seatsToFill(dialogue));
      return { dialogue, cancelled: result.cancelled, promoted: result.promoted };
    },

    /** Erasure on request: cancels (freeing the seat) and deletes the external person's row. */
    async eraseExternal(dialogueId: string, userId: string) {
      const result = await service.cancelExternal(dialogueId, userId);
      await registrations.remove(dialogueId, userId);
      return result;
    },

    get: (dialogueId: string, userId: string) => registrations.get(dialogueId, userId),
    counts: (dialogueId: string) => registrations.counts(dialogueId),
    markReminded: (dialogueId: string, userId: string, reminder: string) =>
      registrations.markReminded(dialogueId, userId, reminder),
  };
  return service;
}

/** The registration service type. */
export type RegistrationService = ReturnType<typeof createRegistrationService>;
