import type { GroupRepository } from "../store/group-repository";
import { RoundError } from "./errors";
import type { RoundGroup } from "./types";

/** Rounds kept per instance; older entries are dropped first. */
const MAX_ROUNDS = 500;

/**
 * Per-instance cache of a started round's groups. Group rows never change once their round has
 * started, so the table stays the source of truth and any instance may fill the cache. A fill
 * first checks in the run state that the round has started (a proposal may still change, so it
 * is never cached). Saves reads per note on the hot path.
 */
export function createGroupCache(groups: GroupRepository) {
  const rounds = new Map<string, Promise<Map<number, RoundGroup>>>();
  const load = (dialogueId: string, round: number) => {
    const key = `${dialogueId}|${round}`;
    let entry = rounds.get(key);
    if (!entry) {
      entry = (async () => {
        const state = await groups.getState(dialogueId);
        if (!state || state.round < round) throw new RoundError("roundClosed");
        const list = await groups.listRound(dialogueId, round);
        return new Map(list.map((g) => [g.group, g]));
      })();
      // A failed read must not stay cached.
      entry.catch(() => rounds.delete(key));
      if (rounds.size >= MAX_ROUNDS) rounds.delete(rounds.keys().next().value!);
      rounds.set(key, entry);
    }
    return entry;
  };
  return {
    /** Every group of a started round, by group number. */
    round: (dialogueId: string, round: number) => load(dialogueId, round),
    /** One group of a started round. */
    async group(dialogueId: string, round: number, group: number): Promise<RoundGroup | undefined> {
      return (await load(dialogueId, round)).get(group);
    },
  };
}

/** The cache type. */
export type GroupCache = ReturnType<typeof createGroupCache>;
