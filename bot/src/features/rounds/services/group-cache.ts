import type { GroupRepository } from "../store/group-repository";
import { RoundError } from "./errors";
import type { RoundGroup } from "./types";

/** Rounds kept per instance; older entries are dropped first. */
const MAX_ROUNDS = 500;
/**
 * How long an entry is trusted. A facilitator may change a running round (an absent person, a
 * late joiner): this instance forgets at once, other instances re-read within this time.
 */
const TTL_MS = 30_000;

/**
 * Per-instance cache of a started round's groups. Group rows change only when a facilitator
 * marks someone absent or adds a late joiner, so entries live {@link TTL_MS}; the table stays the
 * source of truth and any instance may fill the cache. A fill
 * first checks in the run state that the round has started (a proposal may still change, so it
 * is never cached). Saves reads per note on the hot path.
 */
export function createGroupCache(groups: GroupRepository) {
  const rounds = new Map<string, Promise<Map<number, RoundGroup>>>();
  const filled = new Map<string, number>();
  const load = (dialogueId: string, round: number) => {
    const key = `${dialogueId}|${round}`;
    let entry = rounds.get(key);
    if (entry && Date.now() - (filled.get(key) ?? 0) > TTL_MS) entry = undefined;
    if (!entry) {
      entry = (async () => {
        const state = await groups.getState(dialogueId);
        if (!state || state.round < round) throw new RoundError("roundClosed");
        const list = await groups.listRound(dialogueId, round);
        return new Map(list.map((g) => [g.group, g]));
      })();
      // A failed read must not stay cached.
      entry.catch(() => rounds.delete(key));
      if (rounds.size >= MAX_ROUNDS && !rounds.has(key)) {
        const oldest = rounds.keys().next().value!;
        rounds.delete(oldest);
        filled.delete(oldest);
      }
      rounds.set(key, entry);
      filled.set(key, Date.now());
    }
    return entry;
  };
  return {
    /** Every group of a started round, by group number. */
    round: (dialogueId: string, round: number) => load(dialogueId, round),
    /** Forgets a round whose groups were just changed on this instance. */
    forget: (dialogueId: string, round: number) => void rounds.delete(`${dialogueId}|${round}`),
    /** One group of a started round. */
    async group(dialogueId: string, round: number, group: number): Promise<RoundGroup | undefined> {
      return (await load(dialogueId, round)).get(group);
    },
  };
}

/** The cache type. */
export type GroupCache = ReturnType<typeof createGroupCache>;
