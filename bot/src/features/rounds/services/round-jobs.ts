import type { JobHandler } from "../../../platform/jobs/job-types";
import { isDialogueId } from "../../dialogues";
import { agendaRounds } from "./agenda-rounds";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { syncGates } from "./gates";
import { ROUND_JOB_KINDS, type RoundJobPayload } from "./job-ids";
import { announceRound, noticeTwoMinutes, sendRoundOver, sendWarning } from "./round-messages";
import { transition } from "./run-state";
import type { RunState } from "./types";

function parsePayload(p: Record<string, unknown>): RoundJobPayload | undefined {
  const { dialogueId, round, endsAt } = p;
  if (!isDialogueId(dialogueId) || typeof round !== "number" || typeof endsAt !== "string") return undefined;
  return Number.isNaN(Date.parse(endsAt)) ? undefined : { dialogueId, round, endsAt };
}

/** True while the job still belongs to the running round it was scheduled for (not extended or ended since). */
const current = (s: RunState, p: RoundJobPayload) =>
  s.phase === "started" && s.running && s.round === p.round && s.roundEndsAt?.toISOString() === p.endsAt;

/**
 * Handlers of the round jobs. Each re-reads the state (the payload carries ids only) and skips a
 * job that no longer applies. Messages go to the outbox under a key of the round and its end time,
 * so a retried or doubly claimed job records (and sends) them once; the state change follows.
 */
export function createRoundJobHandlers(rc: RoundsContext): Record<string, JobHandler> {
  const load = async (payload: Record<string, unknown>, jobId: string) => {
    const p = parsePayload(payload);
    const dialogue = p && (await rc.dialogues.load(p.dialogueId));
    if (!p || !dialogue) {
      rc.logger.warn("round job with a bad payload", { jobId });
      return undefined;
    }
    return { p, dialogue };
  };

  /** Applies `change` unless the job is stale; returns false when it no longer applies. */
  const claim = async (p: RoundJobPayload, planned: number, change: (s: RunState) => RunState) => {
    try {
      await transition(rc.groups, p.dialogueId, planned, (s) => {
        if (!current(s, p)) throw new RoundError("noRoundRunning");
        return change(s);
      });
      return true;
    } catch (err) {
      if (err instanceof RoundError && err.code === "noRoundRunning") return false;
      throw err;
    }
  };

  return {
    [ROUND_JOB_KINDS.announce]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const state = await rc.groups.getState(loaded.p.dialogueId);
      // Announce only the round that is current (a late retry after the next round started is moot).
      if (!state || state.phase !== "started" || state.round !== loaded.p.round) return;
      await syncGates(rc.notes, state);
      await announceRound(rc, loaded.dialogue, loaded.p.round, state.roundEndsAt);
    },

    [ROUND_JOB_KINDS.fiveMinutesLeft]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const { p, dialogue } = loaded;
      const endsAt = new Date(p.endsAt);
      // Recorded first (idempotent by round and end time), marked in the state after: a crash in
      // between repeats nothing, and a crash mid-send loses nothing (the outbox finishes it).
      const state = await rc.groups.getState(p.dialogueId);
      if (!state || !current(state, p) || state.warnedEndsAt?.getTime() === endsAt.getTime()) return;
      await sendWarning(rc, dialogue, p.round, endsAt);
      await claim(p, agendaRounds(dialogue).length, (s) => ({ ...s, warnedEndsAt: endsAt }));
    },

    [ROUND_JOB_KINDS.twoMinutesLeft]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const { p, dialogue } = loaded;
      const endsAt = new Date(p.endsAt);
      const state = await rc.groups.getState(p.dialogueId);
      if (!state || !current(state, p) || state.noticedEndsAt?.getTime() === endsAt.getTime()) return;
      await noticeTwoMinutes(rc, dialogue, p.round, endsAt);
      await claim(p, agendaRounds(dialogue).length, (s) => ({ ...s, noticedEndsAt: endsAt }));
    },

    [ROUND_JOB_KINDS.over]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const { p, dialogue } = loaded;
      const state = await rc.groups.getState(p.dialogueId);
      if (!state || !current(state, p)) return;
      // The messages are recorded before the state changes: a crash in between sends them once
      // (the rerun finds the same rows) instead of never.
      await sendRoundOver(rc, dialogue, p.round, new Date(p.endsAt));
      const claimed = await claim(p, agendaRounds(dialogue).length, (s) => ({ ...s, running: false }));
      rc.logger.info("round over", { dialogueId: p.dialogueId, round: p.round, fired: claimed });
    },
  };
}
