import type { GroupRepository } from "../store/group-repository";
import { RoundError, StaleStateError } from "./errors";
import type { RunState, StoredRunState } from "./types";

/** Attempts of one transition before telling the user to try again (each lost race re-reads). */
const MAX_ATTEMPTS = 5;

/** The state of a dialogue nobody has started or grouped yet. */
export function initialState(dialogueId: string, plannedRounds: number): RunState {
  return {
    dialogueId,
    phase: "notStarted",
    round: 0,
    running: false,
    formedRounds: 0,
    plannedRounds,
    membersMayWrite: false,
    version: 0,
  };
}

/**
 * The round attendance changes (an absent person, a late joiner) apply from: the running round,
 * else the next one if its groups are formed; 0 when there is none (the dialogue has ended, or
 * the last formed round is over). The side panel shows this round's groups, so both agree.
 */
export function attendanceRound(s: RunState): number {
  if (s.phase === "ended") return 0;
  const from = s.running ? s.round : s.round + 1;
  return from <= s.formedRounds ? from : 0;
}

/** Reads the state, or the initial one (not stored) when the dialogue has none yet. */
export async function readState(
  groups: GroupRepository,
  dialogueId: string,
  plannedRounds: number,
): Promise<StoredRunState | (RunState & { etag?: undefined })> {
  return (await groups.getState(dialogueId)) ?? initialState(dialogueId, plannedRounds);
}

/**
 * Applies `change` to the current state and writes it conditionally on the ETag. When another
 * instance or facilitator wins the race, the state is re-read and `change` re-applied — so
 * `change` must check its own preconditions (e.g. "round k has not started") and throw a
 * {@link RoundError} when they no longer hold: two clicks on "start round" give one transition.
 */
export async function transition(
  groups: GroupRepository,
  dialogueId: string,
  plannedRounds: number,
  change: (current: RunState) => RunState,
): Promise<{ before: RunState; after: StoredRunState }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await readState(groups, dialogueId, plannedRounds);
    const { etag, ...before } = current as StoredRunState;
    const next = change(before);
    try {
      const after = await groups.putState({ ...next, version: before.version + 1 }, etag);
      return { before, after };
    } catch (err) {
      if (!(err instanceof StaleStateError)) throw err;
    }
  }
  throw new RoundError("busy");
}
