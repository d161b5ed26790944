import type { Dialogue } from "../../dialogues";
import { loadForFacilitator } from "./access";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { syncGates } from "./gates";
import { ROUND_JOB_KINDS, roundJobId, TIMER_KINDS, timerJobs } from "./job-ids";
import { sendRoundOver, tellRound } from "./round-messages";
import { readState, transition } from "./run-state";
import { roundsT } from "./texts";
import type { RunState, StoredRunState } from "./types";

/** Who is asking (from the authenticated activity, never from card data). */
export interface Caller {
  tenantId: string | undefined;
  userId: string | undefined;
}

/** Minutes a facilitator may extend a round by at once. */
export const EXTEND_CHOICES = [5, 10, 15] as const;
/** Longest facilitator broadcast (characters). */
export const MAX_BROADCAST = 1000;

/** The outcome of a facilitator operation: the dialogue and its state afterwards. */
export interface RunResult {
  dialogue: Dialogue;
  state: RunState;
  /** Facts for the notice on the refreshed controls card. */
  notice?: { key: string; values?: Record<string, unknown> };
}

/** Starting more than this before the scheduled start asks the facilitator to confirm. */
export const EARLY_START_MS = 60 * 60_000;

/** True when `now` is well before the dialogue's scheduled start (a wrong dialogue, or a slip). */
export const startsEarly = (d: Dialogue, now: Date) => now.getTime() < d.start.getTime() - EARLY_START_MS;

const notEnded = (s: RunState) => {
  if (s.phase === "ended") throw new RoundError("ended");
};

/**
 * Facilitator use cases of a dialogue's rounds: start, start/extend/end a round, broadcast,
 * member notes on/off. Every one re-checks the caller's role server-side and changes the run state
 * with an ETag-conditional write (see `run-state.ts`); timers are durable jobs.
 */
export function createRunService(rc: RoundsContext) {
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
     * scheduled start it is refused unless the facilitator confirmed on the card.
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
     */
    async startRound(dialogueId: unknown, round: number, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const rounds = agendaRounds(dialogue);
      const minutes = rounds[round - 1]?.minutes ?? rounds[rounds.length - 1]!.minutes;
      const at = rc.now();
      const { after } = await transition(rc.groups, dialogue.id, rounds.length, (s) => {
        notEnded(s);
        if (s.running && s.round === round) throw new RoundError("alreadyStarted");
        if (s.running) throw new RoundError("roundRunning");
        if (s.round >= round) throw new RoundError("alreadyStarted");
        if (s.round !== round - 1 || s.formedRounds < round) throw new RoundError("noGroups");
        return {
          ...s,
          phase: "started",
          round,
          running: true,
          roundStartedAt: at,
          roundEndsAt: new Date(at.getTime() + minutes * 60_000),
          warnedEndsAt: undefined,
        };
      });
      const endsAt = after.roundEndsAt!;
      await syncGates(rc.notes, after);
      await rc.jobs.schedule({
        id: roundJobId(dialogue.id, round, "announce"),
        kind: ROUND_JOB_KINDS.announce,
        dueAt: at,
        payload: { dialogueId: dialogue.id, round, endsAt: endsAt.toISOString() },
      });
      for (const job of timerJobs(dialogue.id, round, endsAt, at)) await rc.jobs.schedule(job);
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
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        if (!s.running || s.round !== round) throw new RoundError("noRoundRunning");
        return { ...s, roundEndsAt: new Date(s.roundEndsAt!.getTime() + minutes * 60_000) };
      });
      const endsAt = after.roundEndsAt!;
      const jobs = timerJobs(dialogue.id, round, endsAt, rc.now());
      for (const job of jobs) await rc.jobs.schedule(job);
      // The old warning times may have passed while the new ones have not, or the reverse.
      for (const kind of TIMER_KINDS) {
        if (!jobs.some((j) => j.kind === ROUND_JOB_KINDS[kind]))
          await rc.jobs.cancel(roundJobId(dialogue.id, round, kind));
      }
      return { dialogue, state: after, notice: { key: "extended", values: { endsAt } } };
    },

    /** Ends the running round now (its timers are withdrawn; members hear it is over). */
    async endRound(dialogueId: unknown, round: number, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        notEnded(s);
        if (!s.running || s.round !== round) throw new RoundError("noRoundRunning");
        return { ...s, running: false, roundEndsAt: rc.now() };
      });
      await cancelTimers(dialogue.id, round);
      await sendRoundOver(rc, dialogue, round, after.roundEndsAt ?? rc.now());
      return { dialogue, state: after, notice: { key: "roundEnded", values: { round } } };
    },

    /** Sends the facilitator's text to every member of the current round. Not logged (may be personal). */
    async broadcast(dialogueId: unknown, round: number, text: string, caller: Caller): Promise<RunResult> {
      const dialogue = await loadForFacilitator(rc, dialogueId, caller.tenantId, caller.userId);
      const { etag: _etag, ...state } = (await readState(
        rc.groups,
        dialogue.id,
        planned(dialogue),
      )) as StoredRunState;
      notEnded(state);
      if (state.round < 1 || state.round !== round) throw new RoundError("noRoundRunning");
      const sent = await tellRound(rc, dialogue, round, { label: "broadcast" }, (m) =>
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
      const { before, after } = await transition(rc.groups, dialogue.id, planned(dialogue), (s) => {
        if (s.phase === "ended") throw new RoundError("alreadyStarted");
        if (s.phase === "notStarted") throw new RoundError("notStarted");
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
