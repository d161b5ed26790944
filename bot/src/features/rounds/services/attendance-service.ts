import { CardFactory } from "botbuilder";
import type { Dialogue, Registration } from "../../dialogues";
import { addLateJoiner, removeNoShow } from "../domain/grouping";
import type { GroupingResult, GroupPlan } from "../domain/grouping/types";
import { groupActivity } from "../cards/group-card";
import { notesCardFor } from "../cards/notes-card";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError, StaleStateError } from "./errors";
import { sendEach } from "./fan-out";
import { groupsOfPlan, toRegistrant } from "./plan-service";
import type { Caller, RunResult } from "./run-service";
import { attendanceRound, readState } from "./run-state";
import type { RoundGroup, RunState, StoredRunState } from "./types";

/** Where each person of a round is: user id → "group|scribe?" (to see who was affected). */
function seats(groups: readonly RoundGroup[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const g of groups)
    for (const m of g.members)
      out.set(m.userId, `${g.group}|${g.members.map((x) => x.userId).join(",")}|${g.scribeId ?? ""}`);
  return out;
}

/**
 * Attendance on the day: the facilitator marks a registrant absent or adds a late joiner (a
 * confirmed registrant not in the groups). The plan changes from the running round on (or the
 * next one), with minimal moves (`removeNoShow` / `addLateJoiner`); an absent scribe's group gets
 * a new scribe. In a running round everyone whose group changed gets their updated group card,
 * and a new scribe also the notes card. Facilitators and organisers only.
 */
export function createAttendanceService(rc: RoundsContext) {
  async function change(
    dialogueId: unknown,
    caller: Caller,
    edit: (plan: GroupPlan, from: number, registrations: Map<string, Registration>) => GroupingResult,
    noticeKey: string,
  ): Promise<RunResult> {
    const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
    const { etag: _etag, ...state } = (await readState(
      rc.groups,
      dialogue.id,
      agendaRounds(dialogue).length,
    )) as StoredRunState;
    if (state.phase === "ended") throw new RoundError("ended");
    const from = attendanceRound(state);
    const stored = await rc.plans.get(dialogue.id);
    if (!stored || !from) throw new RoundError("noGroups");
    const registrations = new Map((await rc.registrations.confirmed(dialogue.id)).map((r) => [r.userId, r]));
    const result = edit(stored.plan, from, registrations);
    try {
      await rc.plans.save(dialogue.id, result.plan, result.warnings, stored.etag);
    } catch (err) {
      if (err instanceof StaleStateError) throw new RoundError("busy");
      throw err;
    }
    const rounds = result.plan.rounds.map((r) => r.index).filter((i) => i >= from);
    const before = state.running ? await rc.groups.listRound(dialogue.id, from) : [];
    const links = new Map(before.map((g) => [g.group, g.joinUrl]));
    const after = groupsOfPlan(result.plan, registrations)
      .filter((g) => g.round >= from)
      .map((g) => (g.round === from && links.get(g.group) ? { ...g, joinUrl: links.get(g.group) } : g));
    await rc.groups.replaceRounds(dialogue.id, rounds, after);
    if (state.running) {
      rc.cache.forget(dialogue.id, from);
      await tellChanged(
        dialogue,
        state,
        before,
        after.filter((g) => g.round === from),
      );
    }
    rc.logger.info("attendance changed", { dialogueId: dialogue.id, round: from, change: noticeKey });
    return { dialogue, state, notice: { key: noticeKey, values: { round: from } } };
  }

  /** Sends the updated group card to everyone whose group or scribe changed; a new scribe also gets the notes card. */
  async function tellChanged(dialogue: Dialogue, state: RunState, before: RoundGroup[], after: RoundGroup[]) {
    const was = seats(before);
    const now = seats(after);
    const byUser = new Map(after.flatMap((g) => g.members.map((m) => [m.userId, { g, m }] as const)));
    const oldScribes = new Set(before.map((g) => g.scribeId));
    const external = rc.externalMembers?.current();
    const changed = [...now.keys()].filter((id) => was.get(id) !== now.get(id) && !external?.owns(id));
    const rooms =
      dialogue.mode === "inPerson" ? new Map<number, string>() : await rc.rooms.stored(dialogue.id);
    await sendEach(rc, dialogue.id, { label: "groupCard" }, changed, (userId) => {
      const { g, m } = byUser.get(userId)!;
      const out = [groupActivity(dialogue, g, m, state.roundEndsAt, g.joinUrl || rooms.get(g.group) || "")];
      if (g.scribeId === userId && !oldScribes.has(userId))
        out.push({
          type: "message",
          attachments: [CardFactory.adaptiveCard(notesCardFor(m.uiLang, dialogue.id, g, undefined))],
        });
      return out;
    });
  }

  return {
    /** Marks a person absent from the current (running) or next round on; groups rebalance. */
    markAbsent: (dialogueId: unknown, personId: string, caller: Caller) =>
      change(
        dialogueId,
        caller,
        (plan, from) => {
          const inGroups = plan.rounds.some(
            (r) => r.index >= from && r.groups.some((g) => g.memberIds.includes(personId)),
          );
          if (!inGroups) throw new RoundError("notInGroups");
          return removeNoShow(plan, personId, from);
        },
        "absent",
      ),

    /** Adds a confirmed registrant who is not in the groups to the smallest fitting group. */
    addLateJoiner: (dialogueId: unknown, personId: string, caller: Caller) =>
      change(
        dialogueId,
        caller,
        (plan, from, registrations) => {
          const r = registrations.get(personId);
          if (!r) throw new RoundError("notRegistered");
          const inGroups = plan.rounds.some(
            (x) => x.index >= from && x.groups.some((g) => g.memberIds.includes(personId)),
          );
          if (inGroups) throw new RoundError("alreadyInGroups");
          // Someone marked absent earlier is still in the plan's registrants: take them out first.
          const base = plan.registrants.some((x) => x.id === personId)
            ? { ...plan, registrants: plan.registrants.filter((x) => x.id !== personId) }
            : plan;
          return addLateJoiner(base, toRegistrant(r), from);
        },
        "lateJoiner",
      ),

    /** Confirmed registrants not in the groups of the current / next round (late-joiner choices). */
    async outsideGroups(dialogue: Dialogue, groups: readonly RoundGroup[]): Promise<Registration[]> {
      const inGroups = new Set(groups.flatMap((g) => g.members.map((m) => m.userId)));
      return (await rc.registrations.confirmed(dialogue.id)).filter((r) => !inGroups.has(r.userId));
    },
  };
}

/** The attendance service type. */
export type AttendanceService = ReturnType<typeof createAttendanceService>;
