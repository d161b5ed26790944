import type { Dialogue } from "../../dialogues";
import { isDialogueId } from "../../dialogues";
import type { JobHandler } from "../../../platform/jobs/job-types";
import { errorFields } from "../../../logger";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { syncGates } from "./gates";
import { ROUND_JOB_KINDS, roundJobId, TIMER_KINDS, timerJobs } from "./job-ids";
import { sendRoundOver } from "./round-messages";
import { transition } from "./run-state";
import type { PendingSteps, RunState } from "./types";

/**
 * Steps younger than this belong to whoever took them on (normally the click that changed the
 * state, whose steps include the "over" message to every member); after it, or at once when
 * they failed, the next click or the repair job takes them over.
 */
export const PENDING_GRACE_MS = 30_000;
/** The repair job runs this long after an operation, when its steps should long be done. */
const REPAIR_DELAY_MS = PENDING_GRACE_MS + 5_000;
/** `since` of steps that failed: any later click may repair them at once. */
const FAILED = new Date(0);

class NothingToRepair extends Error {}

const sameSteps = (a: PendingSteps | undefined, b: PendingSteps) =>
  !!a && a.op === b.op && a.round === b.round && a.since.getTime() === b.since.getTime();

/**
 * Start, extend and end of a round change the run state first (one ETag transition, which also
 * records the pending steps) and then do what follows from it: notes gates, the announce and
 * timer jobs, the "over" message. A failure or a crash in between used to leave the state
 * changed and the rest undone for good ("already started" on the next click). Now the steps stay
 * recorded until done; they are idempotent, so whoever finishes them — the next click on any
 * instance, or the repair job armed before the transition — just runs them again.
 */
export function createRunSteps(rc: RoundsContext) {
  const scheduleTimers = async (dialogueId: string, round: number, endsAt: Date) => {
    const jobs = timerJobs(dialogueId, round, endsAt, rc.now());
    for (const job of jobs) await rc.jobs.schedule(job);
    // The old warning times may have passed while the new ones have not, or the reverse.
    for (const kind of TIMER_KINDS) {
      if (!jobs.some((j) => j.kind === ROUND_JOB_KINDS[kind]))
        await rc.jobs.cancel(roundJobId(dialogueId, round, kind));
    }
  };

  /** The steps after `p`'s transition, on the state `s` it left (each one idempotent). */
  async function work(dialogue: Dialogue, s: RunState, p: PendingSteps): Promise<void> {
    const live = s.running && s.round === p.round && s.roundEndsAt ? s.roundEndsAt : undefined;
    if (p.op === "start") {
      await syncGates(rc.notes, s);
      if (!live) return;
      await rc.jobs.schedule({
        id: roundJobId(dialogue.id, p.round, "announce"),
        kind: ROUND_JOB_KINDS.announce,
        dueAt: s.roundStartedAt ?? rc.now(),
        payload: { dialogueId: dialogue.id, round: p.round, endsAt: live.toISOString() },
      });
      await scheduleTimers(dialogue.id, p.round, live);
    } else if (p.op === "extend") {
      if (live) await scheduleTimers(dialogue.id, p.round, live);
    } else {
      for (const kind of TIMER_KINDS) await rc.jobs.cancel(roundJobId(dialogue.id, p.round, kind));
      // The stored end time keys the message, so a repeated repair sends nothing twice.
      await sendRoundOver(rc, dialogue, p.round, s.roundEndsAt ?? p.since);
    }
  }

  /** Changes the pending steps if they are still `p` (nobody took them over meanwhile). */
  const settle = (dialogue: Dialogue, p: PendingSteps, next: PendingSteps | undefined) =>
    transition(rc.groups, dialogue.id, agendaRounds(dialogue).length, (s) => {
      if (!sameSteps(s.pending, p)) throw new NothingToRepair();
      return { ...s, pending: next };
    }).catch((err: unknown) => {
      if (!(err instanceof NothingToRepair)) throw err;
    });

  /**
   * Works the steps `p` that the caller's transition (or claim) just recorded, then clears them.
   * On failure they are marked failed, so that the next click repairs them at once, and the
   * error is rethrown (the facilitator sees that it did not go through).
   */
  async function complete(dialogue: Dialogue, after: RunState, p: PendingSteps): Promise<void> {
    try {
      await work(dialogue, after, p);
    } catch (err) {
      await settle(dialogue, p, { ...p, since: FAILED }).catch(() => undefined);
      throw err;
    }
    // Not clearing only means a later repair repeats idempotent steps: log, do not fail the click.
    await settle(dialogue, p, undefined).catch((err: unknown) =>
      rc.logger.warn("round steps done but not cleared", { dialogueId: dialogue.id, ...errorFields(err) }),
    );
  }

  return {
    complete,

    /**
     * Arms the repair job of `round` (before the transition, so a crash right after it is
     * repaired too); when it runs with nothing pending it does nothing.
     */
    async armRepair(dialogueId: string, round: number): Promise<void> {
      await rc.jobs.schedule({
        id: roundJobId(dialogueId, round, "repair"),
        kind: ROUND_JOB_KINDS.repair,
        dueAt: new Date(rc.now().getTime() + REPAIR_DELAY_MS),
        payload: { dialogueId },
      });
    },

    /**
     * Finishes the steps an earlier operation left, when they failed or their grace is over: claims
     * them with a transition (so two instances never both work them), works and clears them.
     * Returns what was finished and the state, or undefined when nothing needed it.
     */
    async repair(dialogue: Dialogue): Promise<{ steps: PendingSteps; state: RunState } | undefined> {
      let claimed: PendingSteps | undefined;
      const planned = agendaRounds(dialogue).length;
      let after: RunState;
      try {
        ({ after } = await transition(rc.groups, dialogue.id, planned, (s) => {
          const p = s.pending;
          if (!p || rc.now().getTime() - p.since.getTime() < PENDING_GRACE_MS) throw new NothingToRepair();
          claimed = { ...p, since: rc.now() };
          return { ...s, pending: claimed };
        }));
      } catch (err) {
        if (err instanceof NothingToRepair) return undefined;
        throw err;
      }
      rc.logger.warn("repairing unfinished round steps", {
        dialogueId: dialogue.id,
        op: claimed!.op,
        round: claimed!.round,
      });
      await complete(dialogue, after, claimed!);
      return { steps: claimed!, state: { ...after, pending: undefined } };
    },
  };
}

/** The run steps type. */
export type RunSteps = ReturnType<typeof createRunSteps>;

/** Handler of the repair job: finishes a dialogue's unfinished steps; retried while someone still works them. */
export function createRepairJobHandler(rc: RoundsContext, steps: RunSteps): Record<string, JobHandler> {
  return {
    [ROUND_JOB_KINDS.repair]: async (payload, job) => {
      const id = payload.dialogueId;
      const dialogue = isDialogueId(id) ? await rc.dialogues.load(id) : undefined;
      if (!dialogue) return;
      await steps.repair(dialogue);
      const state = await rc.groups.getState(dialogue.id);
      // Still pending: someone took them on less than a grace ago; look again later (retry).
      if (state?.pending) throw new RoundError("busy");
      rc.logger.debug("round repair job done", { jobId: job.id });
    },
  };
}
