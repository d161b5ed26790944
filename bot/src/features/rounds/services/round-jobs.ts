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
 * job that no longer applies. The timer jobs claim their effect with an ETag transition first, so
 * that at-least-once delivery (a retried or doubly claimed job) messages people once.
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
      const claimed = await claim(p, agendaRounds(dialogue).length, (s) => {
        if (s.warnedEndsAt?.getTime() === endsAt.getTime()) throw new RoundError("noRoundRunning");
        return { ...s, warnedEndsAt: endsAt };
      });
      if (claimed) await sendWarning(rc, dialogue, p.round, endsAt);
    },

    [ROUND_JOB_KINDS.twoMinutesLeft]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const { p, dialogue } = loaded;
      const endsAt = new Date(p.endsAt);
      const claimed = await claim(p, agendaRounds(dialogue).length, (s) => {
        if (s.noticedEndsAt?.getTime() === endsAt.getTime()) throw new RoundError("noRoundRunning");
        return { ...s, noticedEndsAt: endsAt };
      });
      if (claimed) await noticeTwoMinutes(rc, dialogue, p.round, endsAt);
    },

    [ROUND_JOB_KINDS.over]: async (payload, job) => {
      const loaded = await load(payload, job.id);
      if (!loaded) return;
      const { p, dialogue } = loaded;
      const claimed = await claim(p, agendaRounds(dialogue).length, (s) => ({ ...s, running: false }));
      if (claimed) await sendRoundOver(rc, dialogue, p.round);
      rc.logger.info("round over", { dialogueId: p.dialogueId, round: p.round, fired: claimed });
    },
  };
}
