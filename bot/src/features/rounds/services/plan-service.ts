import type { Dialogue, Registration } from "../../dialogues";
import { errorFields } from "../../../logger";
import { formGroups, movePerson } from "../domain/grouping";
import type { GroupPlan, Registrant } from "../domain/grouping/types";
import { PlanTooLargeError } from "../store/plan-repository";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError, StaleStateError } from "./errors";
import type { Caller, RunResult } from "./run-service";
import { readState, transition } from "./run-state";
import { firstName } from "./texts";
import type { GroupMember, RoundGroup, RunState, StoredRunState } from "./types";

/** What grouping knows about a registrant (no contact details; first name only). */
export function toRegistrant(r: Registration): Registrant {
  return {
    id: r.userId,
    firstName: firstName(r.name),
    attributes: {
      org: r.organisation || undefined,
      background: r.background || undefined,
      language: r.language,
      accessibility: r.accessibility || undefined,
      attendance: r.attendance,
    },
    volunteerScribe: r.scribe,
  };
}

/** The stored group rows of a plan, with members' details from their registrations. */
export function groupsOfPlan(
  plan: GroupPlan,
  registrations: ReadonlyMap<string, Registration>,
): RoundGroup[] {
  const member = (id: string): GroupMember | undefined => {
    const r = registrations.get(id);
    return (
      r && {
        userId: r.userId,
        name: r.name,
        teamsId: r.teamsId,
        language: r.language,
        uiLang: r.uiLang,
        organisation: r.organisation,
        background: r.background,
      }
    );
  };
  return plan.rounds.flatMap((round) =>
    round.groups.map((g) => ({
      round: round.index,
      group: g.number,
      members: g.memberIds.map(member).filter((m): m is GroupMember => !!m),
      scribeId: g.scribeId || undefined,
    })),
  );
}

/**
 * Forming and adjusting the groups before the rounds start. The plan (pure `domain/grouping`)
 * is stored whole (ETag-guarded) and its groups are written as rows, which a round's members,
 * notes and exports read once it starts.
 */
export function createPlanService(rc: RoundsContext) {
  const plans = rc.plans;

  async function stateOf(d: Dialogue): Promise<RunState> {
    const { etag: _etag, ...s } = (await readState(
      rc.groups,
      d.id,
      agendaRounds(d).length,
    )) as StoredRunState;
    return s;
  }

  async function registrationsOf(d: Dialogue): Promise<Map<string, Registration>> {
    return new Map((await rc.registrations.confirmed(d.id)).map((r) => [r.userId, r]));
  }

  return {
    /**
     * Forms the groups of every round of the agenda from the confirmed registrants. Only before
     * the first round starts (`round` = 1 on the card); forming again replaces the proposal.
     */
    async form(dialogueId: unknown, round: number, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const rounds = agendaRounds(dialogue).length;
      const before = await stateOf(dialogue);
      if (before.phase === "ended") throw new RoundError("ended");
      if (before.running) throw new RoundError("roundRunning");
      if (before.round > 0 || round !== 1) throw new RoundError("alreadyStarted");
      const registrations = await registrationsOf(dialogue);
      if (registrations.size === 0) throw new RoundError("noRegistrants");
      const result = formGroups([...registrations.values()].map(toRegistrant), {
        mode: dialogue.mode === "inPerson" ? "inPerson" : "remote",
        // The dialogue's own sizes and policies (peer dialogues: org "diversify"; templates: sizes).
        ...dialogue.grouping,
        // Hybrid: on-site and remote people talk in separate groups (seed 004's guidance).
        ...(dialogue.mode === "hybrid"
          ? { policies: { ...dialogue.grouping?.policies, attendance: "cluster" as const } }
          : {}),
        rounds,
        // Same registrants → same proposal; forming again after a change reshuffles.
        seed: rc.now().getTime() >>> 0,
      });
      const stored = await plans.get(dialogue.id);
      try {
        await plans.save(dialogue.id, result.plan, result.warnings, stored?.etag);
      } catch (err) {
        if (err instanceof StaleStateError) throw new RoundError("busy");
        if (err instanceof PlanTooLargeError) throw new RoundError("busy");
        throw err;
      }
      const planned = Array.from({ length: rounds }, (_, i) => i + 1);
      await rc.groups.replaceRounds(dialogue.id, planned, groupsOfPlan(result.plan, registrations));
      const { after } = await transition(rc.groups, dialogue.id, rounds, (s) => {
        if (s.round > 0 || s.running) throw new RoundError("alreadyStarted");
        return { ...s, formedRounds: result.plan.rounds.length, plannedRounds: rounds };
      });
      // One Teams meeting per room number, made in the background and reused by every round.
      if (dialogue.mode !== "inPerson") {
        const rooms = Math.max(0, ...result.plan.rounds.map((r) => r.groups.length));
        await rc.rooms
          .prepare(dialogue, rooms)
          .catch((err: unknown) =>
            rc.logger.warn("room meetings not scheduled", { dialogueId: dialogue.id, ...errorFields(err) }),
          );
      }
      rc.logger.info("groups formed", {
        dialogueId: dialogue.id,
        people: registrations.size,
        rounds,
        warnings: result.warnings.length,
      });
      return {
        dialogue,
        state: after,
        notice: { key: "formed", values: { count: result.plan.rounds.length, round: 1 } },
      };
    },

    /**
     * Sets the group sizes the next forming uses (before the first round only); already formed
     * groups stay until the facilitator forms them again.
     */
    async setSizes(
      dialogueId: unknown,
      sizes: { minSize: number; maxSize: number },
      caller: Caller,
    ): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const state = await stateOf(dialogue);
      if (state.phase === "ended") throw new RoundError("ended");
      if (state.round > 0 || state.running) throw new RoundError("alreadyStarted");
      const after = await rc.dialogues.setGroupSizes(dialogue.id, dialogue.tenantId, sizes);
      rc.logger.info("group sizes set", { dialogueId: dialogue.id, ...sizes });
      return { dialogue: after, state, notice: { key: "sizes", values: sizes } };
    },

    /** Moves one person to another group of a round that has not started. */
    async move(
      dialogueId: unknown,
      round: number,
      personId: string,
      toGroup: number,
      caller: Caller,
    ): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const state = await stateOf(dialogue);
      if (state.phase === "ended") throw new RoundError("ended");
      if (round <= state.round) throw new RoundError("alreadyStarted");
      const stored = await plans.get(dialogue.id);
      if (!stored) throw new RoundError("noGroups");
      const result = movePerson(stored.plan, round, personId, toGroup);
      if (result.warnings.some((w) => ["unknownPerson", "unknownRound", "unknownGroup"].includes(w.code)))
        throw new RoundError("badMove");
      try {
        await plans.save(dialogue.id, result.plan, result.warnings, stored.etag);
      } catch (err) {
        if (err instanceof StaleStateError) throw new RoundError("busy");
        throw err;
      }
      const registrations = await registrationsOf(dialogue);
      const groups = groupsOfPlan(result.plan, registrations).filter((g) => g.round === round);
      await rc.groups.replaceRounds(dialogue.id, [round], groups);
      return { dialogue, state, notice: { key: "moved" } };
    },
  };
}

/** The plan service type. */
export type PlanService = ReturnType<typeof createPlanService>;
