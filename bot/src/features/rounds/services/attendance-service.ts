import { CardFactory } from "botbuilder";
import type { Dialogue, Registration } from "../../dialogues";
import {
  addJoiner,
  dissolveGroup,
  keepGroup,
  markAbsent,
  smallGroups,
  type AttendanceOutcome,
} from "../domain/grouping/attendance-change";
import type { GroupPlan } from "../domain/grouping/types";
import { groupActivity } from "../cards/group-card";
import { notesCardFor } from "../cards/notes-card";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError, StaleStateError } from "./errors";
import type { AppliedChange } from "../store/plan-repository";
import { keyDigest, sendEach } from "./fan-out";
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

/** What a change will do, for the confirm step on the controls card (names resolved). */
export interface AttendancePreview {
  round: number;
  moves: { name: string; fromGroup?: number; toGroup?: number }[];
  belowMin: { group: number; size: number; minSize: number }[];
  reformedFrom: number;
  present: number;
  minSize: number;
  maxSize: number;
  /** The late joiner waits for the next round: every group of the running one is full. */
  waits?: { name: string; next: number };
}

/** A change asked for but not yet confirmed: the card repeats `verb` with `data` to confirm it. */
export interface AttendanceConfirm {
  verb: string;
  data: Record<string, unknown>;
  preview: AttendancePreview;
}

/** A facilitator result that may carry the confirm step instead of a done change. */
export type AttendanceResult = RunResult & { confirm?: AttendanceConfirm };

/**
 * The confirm step's answer (the card's data, or the side panel's apply): confirmed, for the plan
 * version that was shown. Without both, the change is only previewed.
 */
export interface ConfirmInput {
  confirm?: boolean;
  planTag?: unknown;
}

/**
 * The version a preview was made for: the stored plan's ETag and where the rounds stand (the round
 * attendance acts on, and whether it runs). A round started or ended in between changes what the
 * same click would do, so it too makes a shown plan stale, as a change from another device does.
 */
const planVersion = (etag: string, from: number, running: boolean) => `${etag}#${from}${running ? "r" : "n"}`;

/** The plan edit of a change, from the stored plan, the round it applies from and whether that round runs. */
type Edit = (
  plan: GroupPlan,
  from: number,
  running: boolean,
  registrations: Map<string, Registration>,
) => AttendanceOutcome;

/**
 * Attendance on the day: the facilitator marks a registrant absent, adds a late joiner (a
 * confirmed registrant not in the groups), or decides about a group below the minimum. In a
 * running round nobody who is not affected changes room and no group goes above the maximum;
 * the rounds after it are formed afresh (domain `attendance-change`). Every change is shown
 * first (who moves where) and happens only when the facilitator confirms that very plan (its
 * ETag). Everyone whose group changed gets their updated group card, a new scribe also the notes
 * card. Facilitators and organisers only.
 */
export function createAttendanceService(rc: RoundsContext) {
  async function change(
    dialogueId: unknown,
    caller: Caller,
    edit: Edit,
    noticeKey: string,
    confirm: { verb: string; data: Record<string, unknown>; planTag: unknown },
  ): Promise<AttendanceResult> {
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
    // The retry of a change already saved (its request died after the save, or it lost the
    // race to its own double): finish its steps again; the outbox key makes them send once.
    const done = stored.applied;
    if (
      done &&
      confirm.planTag !== undefined &&
      done.version === confirm.planTag &&
      done.from === from &&
      done.running === state.running &&
      !(await finished(dialogue.id, stored.plan, done, registrations))
    )
      return finish(dialogue, state, stored.plan, done, registrations, noticeKey);
    const result = edit(stored.plan, from, state.running, registrations);
    if (result.refused) throw new RoundError(result.refused);
    // Confirmed only against the plan that was shown: a change in between shows the new effect first.
    const version = planVersion(stored.etag, from, state.running);
    if (confirm.planTag !== version) {
      return {
        dialogue,
        state,
        confirm: {
          verb: confirm.verb,
          data: { ...confirm.data, planTag: version, confirm: true },
          preview: previewOf(stored.plan, result, from, registrations),
        },
      };
    }
    // Who is told is worked out before the save and saved with the plan, so that a retry after
    // a crash tells the same people even when the groups were already written.
    const before = state.running ? await rc.groups.listRound(dialogue.id, from) : [];
    const after = roundGroups(result.plan, registrations, from, before);
    const applied: AppliedChange = {
      version,
      from,
      running: state.running,
      // The change is identified by the plan version it was applied to (every save gives a new
      // ETag): the same change again adds no rows; the next change, on the next version, sends.
      key: `attendance|r${from}|${keyDigest(stored.etag)}`,
      ...whoToTell(
        before,
        after.filter((g) => g.round === from),
      ),
    };
    try {
      await rc.plans.save(dialogue.id, result.plan, result.warnings, stored.etag, applied);
    } catch (err) {
      if (!(err instanceof StaleStateError)) throw err;
      // The same request twice at once: the other copy saved it; finish (idempotently) here too.
      const now = await rc.plans.get(dialogue.id);
      if (now?.applied?.version !== version) throw new RoundError("busy");
      return finish(dialogue, state, now.plan, now.applied, registrations, noticeKey);
    }
    return finish(dialogue, state, result.plan, applied, registrations, noticeKey, before);
  }

  /**
   * Whether a saved change's steps all happened: its round's group rows are the plan's, and
   * everyone to tell has a row under its key. A finished change repeated is refused as before
   * (the person is already placed); only an unfinished one is finished by its retry.
   */
  async function finished(
    dialogueId: string,
    plan: GroupPlan,
    applied: AppliedChange,
    registrations: Map<string, Registration>,
  ): Promise<boolean> {
    const current = await rc.groups.listRound(dialogueId, applied.from);
    const wanted = roundGroups(plan, registrations, applied.from, current).filter(
      (g) => g.round === applied.from,
    );
    const [was, now] = [seats(current), seats(wanted)];
    if (was.size !== now.size || [...now].some(([id, seat]) => was.get(id) !== seat)) return false;
    if (!applied.running || applied.tell.length === 0) return true;
    const told = new Set(
      (await rc.outbox.deliveries(dialogueId))
        .filter((r) => r.decisionKey === applied.key)
        .map((r) => r.recipient),
    );
    return applied.tell.every((id) => told.has(id) || !now.has(id));
  }

  /** The groups of `plan` from round `from` on, the running round's keeping their meeting links. */
  function roundGroups(
    plan: GroupPlan,
    registrations: Map<string, Registration>,
    from: number,
    current: readonly RoundGroup[],
  ): RoundGroup[] {
    const links = new Map(current.map((g) => [g.group, g.joinUrl]));
    return groupsOfPlan(plan, registrations)
      .filter((g) => g.round >= from)
      .map((g) => (g.round === from && links.get(g.group) ? { ...g, joinUrl: links.get(g.group) } : g));
  }

  /** Whose group or scribe changed (external members are told by their own host), and new scribes. */
  function whoToTell(before: readonly RoundGroup[], after: readonly RoundGroup[]) {
    const was = seats(before);
    const now = seats(after);
    const external = rc.externalMembers?.current();
    const oldScribes = new Set(before.map((g) => g.scribeId));
    return {
      tell: [...now.keys()].filter((id) => was.get(id) !== now.get(id) && !external?.owns(id)),
      newScribes: after.flatMap((g) => (g.scribeId && !oldScribes.has(g.scribeId) ? [g.scribeId] : [])),
    };
  }

  /**
   * The steps after the plan's save — the groups written, the people told — each idempotent, so
   * that the retry of a request that died after the save can run them again.
   */
  async function finish(
    dialogue: Dialogue,
    state: RunState,
    plan: GroupPlan,
    applied: AppliedChange,
    registrations: Map<string, Registration>,
    noticeKey: string,
    before?: readonly RoundGroup[],
  ): Promise<AttendanceResult> {
    const { from } = applied;
    const current = before ?? (state.running ? await rc.groups.listRound(dialogue.id, from) : []);
    const after = roundGroups(plan, registrations, from, current);
    const rounds = plan.rounds.map((r) => r.index).filter((i) => i >= from);
    await rc.groups.replaceRounds(dialogue.id, rounds, after);
    if (state.running) {
      rc.cache.forget(dialogue.id, from);
      await tellChanged(
        dialogue,
        state,
        after.filter((g) => g.round === from),
        applied,
      );
    }
    rc.logger.info("attendance changed", { dialogueId: dialogue.id, round: from, change: noticeKey });
    return { dialogue, state, notice: { key: noticeKey, values: { round: from } } };
  }

  /** Who moves where, by name, and what follows: the confirm step's facts. */
  function previewOf(
    plan: GroupPlan,
    result: AttendanceOutcome,
    from: number,
    registrations: Map<string, Registration>,
  ): AttendancePreview {
    const name = (id: string) =>
      registrations.get(id)?.name ?? plan.registrants.find((r) => r.id === id)?.firstName ?? "?";
    const { minSize, maxSize } = result.plan.options;
    const round = result.plan.rounds.find((r) => r.index === from);
    const touched = new Set(result.moves.flatMap((m) => [m.fromGroup, m.toGroup]));
    return {
      round: from,
      moves: result.moves.map((m) => ({
        name: name(m.personId),
        fromGroup: m.fromGroup,
        toGroup: m.toGroup,
      })),
      belowMin: (round?.groups ?? [])
        .filter((g) => touched.has(g.number) && g.memberIds.length < minSize)
        .map((g) => ({ group: g.number, size: g.memberIds.length, minSize })),
      reformedFrom: result.reformedFrom,
      present: result.present,
      minSize,
      maxSize,
      waits: result.waits
        ? { name: name(result.moves[0]?.personId ?? lastJoiner(result)), next: from + 1 }
        : undefined,
    };
  }

  /** The joiner of a result that placed nobody in the running round (the last registrant added). */
  const lastJoiner = (result: AttendanceOutcome) => result.plan.registrants.at(-1)?.id ?? "";

  /** Sends the updated group card to everyone whose group or scribe changed; a new scribe also gets the notes card. */
  async function tellChanged(
    dialogue: Dialogue,
    state: RunState,
    after: RoundGroup[],
    applied: AppliedChange,
  ) {
    const byUser = new Map(after.flatMap((g) => g.members.map((m) => [m.userId, { g, m }] as const)));
    const newScribes = new Set(applied.newScribes);
    const rooms =
      dialogue.mode === "inPerson" ? new Map<number, string>() : await rc.rooms.stored(dialogue.id);
    const tell = applied.tell.filter((id) => byUser.has(id));
    await sendEach(rc, dialogue.id, { key: applied.key, label: "groupCard" }, tell, (userId) => {
      const { g, m } = byUser.get(userId)!;
      const out = [groupActivity(dialogue, g, m, state.roundEndsAt, g.joinUrl || rooms.get(g.group) || "")];
      if (g.scribeId === userId && newScribes.has(userId))
        out.push({
          type: "message",
          attachments: [CardFactory.adaptiveCard(notesCardFor(m.uiLang, dialogue.id, g, undefined))],
        });
      return out;
    });
  }

  const confirmOf = (verb: string, data: Record<string, unknown>, options: ConfirmInput) => ({
    verb,
    data,
    planTag: options.confirm ? options.planTag : undefined,
  });

  return {
    /**
     * Marks a person absent from the current (running) or next round on. Without `confirm` it
     * only tells what would change (the confirm step); with it (and the plan shown) it changes.
     */
    markAbsent: (dialogueId: unknown, personId: string, caller: Caller, options: ConfirmInput = {}) =>
      change(
        dialogueId,
        caller,
        (plan, from, running) => {
          const inGroups = plan.rounds.some(
            (r) => r.index >= from && r.groups.some((g) => g.memberIds.includes(personId)),
          );
          if (!inGroups) throw new RoundError("notInGroups");
          return markAbsent(plan, personId, from, running);
        },
        "absent",
        confirmOf("round.absent", { absentPerson: personId }, options),
      ),

    /** Adds a confirmed registrant who is not in the groups to a group with room (confirm step first). */
    addLateJoiner: (dialogueId: unknown, personId: string, caller: Caller, options: ConfirmInput = {}) =>
      change(
        dialogueId,
        caller,
        (plan, from, running, registrations) => {
          const r = registrations.get(personId);
          if (!r) throw new RoundError("notRegistered");
          const inGroups = plan.rounds.some(
            (x) => x.index >= from && x.groups.some((g) => g.memberIds.includes(personId)),
          );
          if (inGroups) throw new RoundError("alreadyInGroups");
          return addJoiner(plan, toRegistrant(r), from, running);
        },
        "lateJoiner",
        confirmOf("round.lateJoin", { lateJoiner: personId }, options),
      ),

    /** Moves the members of a running round's group below the minimum into groups with room (confirm step first). */
    dissolveGroup: (dialogueId: unknown, group: number, caller: Caller, options: ConfirmInput = {}) =>
      change(
        dialogueId,
        caller,
        (plan, from, running) => {
          if (!running || !smallGroups(plan, from).some((g) => g.number === group))
            throw new RoundError("badMove");
          return dissolveGroup(plan, from, group);
        },
        "dissolved",
        confirmOf("round.dissolveGroup", { group }, options),
      ),

    /** Keeps a running round's group below the minimum as it is (the choice is no longer offered). */
    async keepGroup(dialogueId: unknown, group: number, caller: Caller): Promise<AttendanceResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { etag: _etag, ...state } = (await readState(
        rc.groups,
        dialogue.id,
        agendaRounds(dialogue).length,
      )) as StoredRunState;
      const stored = await rc.plans.get(dialogue.id);
      if (!stored || !state.running || !smallGroups(stored.plan, state.round).some((g) => g.number === group))
        throw new RoundError("badMove");
      try {
        await rc.plans.save(
          dialogue.id,
          keepGroup(stored.plan, state.round, group),
          stored.warnings,
          stored.etag,
        );
      } catch (err) {
        if (err instanceof StaleStateError) throw new RoundError("busy");
        throw err;
      }
      return { dialogue, state, notice: { key: "kept", values: { group } } };
    },

    /**
     * The running round's groups below the minimum not kept on purpose, and whether the others
     * have room for their members: the keep / move choice the side panel offers (as the card).
     */
    async smallGroupChoices(dialogueId: string, round: number) {
      const stored = await rc.plans.get(dialogueId);
      if (!stored) return [];
      return smallGroups(stored.plan, round).map((g) => ({
        group: g.number,
        size: g.memberIds.length,
        minSize: stored.plan.options.minSize,
        canMove: !dissolveGroup(stored.plan, round, g.number).refused,
      }));
    },

    /** Confirmed registrants not in the groups of the current / next round (late-joiner choices). */
    async outsideGroups(dialogue: Dialogue, groups: readonly RoundGroup[]): Promise<Registration[]> {
      const inGroups = new Set(groups.flatMap((g) => g.members.map((m) => m.userId)));
      return (await rc.registrations.confirmed(dialogue.id)).filter((r) => !inGroups.has(r.userId));
    },
  };
}

/** The attendance service type. */
export type AttendanceService = ReturnType<typeof createAttendanceService>;
