import type { Dialogue } from "../../dialogues";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { syncGates } from "./gates";
import { roundJobId, TIMER_KINDS } from "./job-ids";
import { keyDigest } from "./fan-out";
import { tellRound } from "./round-messages";
import type { RunSteps } from "./run-repair";
import { readState, transition } from "./run-state";
import { roundsT } from "./texts";
import type { PendingSteps, RunState, StoredRunState } from "./types";

/** Who is asking (from the authenticated activity, never from card data). */
export interface Caller {
  tenantId: string | undefined;
  userId: string | undefined;
}

/** Minutes a facilitator may extend a round by at once. */
export const EXTEND_CHOICES = [5, 10, 15] as const;
/** Longest facilitator broadcast (characters). */
export const MAX_BROADCAST = 1000;

/**
 * A broadcast's request id from untrusted input (the controls card's nonce, the side panel's id
 * of the composed message): a UUID-like token, else undefined (the text alone identifies it).
 */
export const broadcastRequestId = (value: unknown): string | undefined =>
  typeof value === "string" && /^[a-z0-9-]{8,64}$/i.test(value) ? value : undefined;

/** The outcome of a facilitator operation: the dialogue and its state afterwards. */
export interface RunResult {
  dialogue: Dialogue;
  state: RunState;
  /** Facts for the notice on the refreshed controls card. */
  notice?: { key: string; values?: Record<string, unknown> };
  /**
   * Set when nothing was done because a start would be early: the refreshed card asks to confirm
   * (`verb` again with `confirmEarly`), in place of the button that was clicked.
   */
  ask?: { verb: "round.startDialogue" | "round.start"; round?: number };
}

/** Starting more than this before the scheduled start asks the facilitator to confirm. */
export const EARLY_START_MS = 60 * 60_000;

/** True when `now` is well before the dialogue's scheduled start (a wrong dialogue, or a slip). */
export const startsEarly = (d: Dialogue, now: Date) => now.getTime() < d.start.getTime() - EARLY_START_MS;

const notEnded = (s: RunState) => {
  if (s.phase === "ended") throw new RoundError("ended");
};

/** Another operation's steps are under way (younger than their grace): one at a time. */
const noStepsPending = (s: RunState) => {
  if (s.pending) throw new RoundError("busy");
};

/**
 * Facilitator use cases of a dialogue's rounds: start, start/extend/end a round, broadcast,
 * member notes on/off. Every one re-checks the caller's role server-side and changes the run state
 * with an ETag-conditional write (see `run-state.ts`); timers are durable jobs. Start, extend and
 * end record their follow-up steps in that write and finish them through `steps` (run-repair.ts),
 * so a failure halfway is repaired by the next click (on any instance) or the repair job.
 */
export function createRunService(rc: RoundsContext, steps: RunSteps) {
  const planned = (d: Dialogue) => agendaRounds(d).length;

  const cancelTimers = async (dialogueId: string, round: number) => {
    for (const kind of TIMER_KINDS) await rc.jobs.cancel(roundJobId(dialogueId, round, kind));
  };

  return {
    /** The dialogue and its run state, for the controls card. */
    async view(dialogueId: unknown, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { etag: _etag, ...state } = (await readState(
        rc.groups,
        dialogue.id,
        planned(dialogue),
      )) as StoredRunState;
      return { dialogue, state };
    },

    /**
     * Marks the dialogue started (idempotent for a second click). More than an hour before the
     * scheduled start it is refused unless the facilitator confirmed (card or side panel).
     */
    async startDialogue(dialogueId: unknown, caller: Caller, confirmEarly = false): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      if (!confirmEarly && startsEarly(dialogue, rc.now())) throw new RoundError("earlyStart");
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        if (s.phase !== "notStarted") throw new RoundError("alreadyStarted");
        return { ...s, phase: "started" };
      });
      return { dialogue, state: after, notice: { key: "started" } };
    },

    /**
     * Starts round `round` (the card says which, so a second click cannot start the next one).
     * Members get their groups and the timers are scheduled, all through the durable job queue.
     * Starting round 1 also starts the dialogue, so it follows the same early-start rule.
     */
    async startRound(
      dialogueId: unknown,
      round: number,
      caller: Caller,
      confirmEarly = false,
    ): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const repaired = await steps.repair(dialogue);
      if (repaired?.steps.op === "start" && repaired.steps.round === round)
        return { dialogue, state: repaired.state, notice: { key: "roundStarted", values: { round } } };
      const rounds = agendaRounds(dialogue);
      const minutes = rounds[round - 1]?.minutes ?? rounds[rounds.length - 1]!.minutes;
      await steps.armRepair(dialogue.id, round);
      const at = rc.now();
      const pending: PendingSteps = { op: "start", round, since: at };
      const { after } = await transition(rc.groups, dialogue.id, rounds.length, (s) => {
        notEnded(s);
        if (s.running && s.round === round) throw new RoundError("alreadyStarted");
        if (s.running) throw new RoundError("roundRunning");
        if (s.round >= round) throw new RoundError("alreadyStarted");
        if (s.round !== round - 1 || s.formedRounds < round) throw new RoundError("noGroups");
        if (s.phase === "notStarted" && !confirmEarly && startsEarly(dialogue, at))
          throw new RoundError("earlyStart");
        noStepsPending(s);
        return {
          ...s,
          phase: "started",
          round,
          running: true,
          roundStartedAt: at,
          roundEndsAt: new Date(at.getTime() + minutes * 60_000),
          warnedEndsAt: undefined,
          pending,
        };
      });
      await steps.complete(dialogue, after, pending);
      rc.logger.info("round started", { dialogueId: dialogue.id, round });
      return { dialogue, state: after, notice: { key: "roundStarted", values: { round } } };
    },

    /** Moves the running round's end by `minutes` and reschedules its timers (same job ids). */
    async extendRound(
      dialogueId: unknown,
      round: number,
      minutes: number,
      caller: Caller,
    ): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      if (!(EXTEND_CHOICES as readonly number[]).includes(minutes)) throw new RoundError("busy");
      // A repaired extend is the one this click repeats: it is not applied twice.
      const repaired = await steps.repair(dialogue);
      if (repaired?.steps.op === "extend" && repaired.steps.round === round)
        return {
          dialogue,
          state: repaired.state,
          notice: { key: "extended", values: { endsAt: repaired.state.roundEndsAt } },
        };
      await steps.armRepair(dialogue.id, round);
      const pending: PendingSteps = { op: "extend", round, since: rc.now() };
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        if (!s.running || s.round !== round) throw new RoundError("noRoundRunning");
        noStepsPending(s);
        return { ...s, roundEndsAt: new Date(s.roundEndsAt!.getTime() + minutes * 60_000), pending };
      });
      await steps.complete(dialogue, after, pending);
      return { dialogue, state: after, notice: { key: "extended", values: { endsAt: after.roundEndsAt! } } };
    },

    /** Ends the running round now (its timers are withdrawn; members hear it is over). */
    async endRound(dialogueId: unknown, round: number, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const repaired = await steps.repair(dialogue);
      if (repaired?.steps.op === "end" && repaired.steps.round === round)
        return { dialogue, state: repaired.state, notice: { key: "roundEnded", values: { round } } };
      await steps.armRepair(dialogue.id, round);
      const pending: PendingSteps = { op: "end", round, since: rc.now() };
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        if (!s.running || s.round !== round) throw new RoundError("noRoundRunning");
        noStepsPending(s);
        return { ...s, running: false, roundEndsAt: rc.now(), pending };
      });
      await steps.complete(dialogue, after, pending);
      return { dialogue, state: after, notice: { key: "roundEnded", values: { round } } };
    },

    /**
     * Sends the facilitator's text to every member of the current round. Not logged (may be
     * personal). `requestId` identifies this send (the card's nonce, the side panel's id for the
     * composed message): the same request again (a second click on the same card, a retried
     * request) adds nothing; a new card or a new message sends. The same id with other words is
     * sent as that new text (once): refusing it would strand a controls card whose answer was
     * lost (its refusal keeps the old nonce) and the panel's edited retry. Without one, the text.
     */
    async broadcast(
      dialogueId: unknown,
      round: number,
      text: string,
      caller: Caller,
      requestId?: string,
    ): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { etag: _etag, ...state } = (await readState(
        rc.groups,
        dialogue.id,
        planned(dialogue),
      )) as StoredRunState;
      notEnded(state);
      if (state.round < 1 || state.round !== round) throw new RoundError("noRoundRunning");
      const key = `broadcast|r${round}|${requestId ?? "-"}|${keyDigest(text)}`;
      const sent = await tellRound(rc, dialogue, round, { key, label: "broadcast" }, (m) =>
        roundsT(m.uiLang)("timer.broadcast", { text }),
      );
      rc.logger.info("round broadcast", { dialogueId: dialogue.id, round, ...sent });
      return { dialogue, state, notice: { key: "broadcast", values: { count: sent.delivered } } };
    },

    /** Lets all members (or only scribes) write notes. */
    async setMemberNotes(dialogueId: unknown, allow: boolean, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        return { ...s, membersMayWrite: allow };
      });
      await syncGates(rc.notes, after);
      return { dialogue, state: after, notice: { key: "memberNotes" } };
    },

    /**
     * Ends the dialogue: closes notes, withdraws timers. The caller sends the summary; a second
     * click finds it ended and gets "already done".
     */
    async endDialogue(dialogueId: unknown, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      await steps.repair(dialogue);
      const { before, after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        if (s.phase === "ended") throw new RoundError("alreadyStarted");
        if (s.phase === "notStarted") throw new RoundError("notStarted");
        noStepsPending(s);
        return { ...s, phase: "ended", running: false, endedAt: rc.now() };
      });
      await syncGates(rc.notes, after);
      if (before.round > 0) await cancelTimers(dialogue.id, before.round);
      rc.logger.info("dialogue ended", { dialogueId: dialogue.id, rounds: after.round });
      return { dialogue, state: after, notice: { key: "ended" } };
    },
  };
}

/** The run service type. */
export type RunService = ReturnType<typeof createRunService>;
