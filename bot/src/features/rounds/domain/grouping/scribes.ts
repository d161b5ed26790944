/**
 * Scribe choice: whoever has been scribe the fewest times, volunteers before others, people with
 * an accessibility need last; ties broken by a seeded draw (passed in as `tiebreak`).
 */

/** What the choice needs to know about a candidate. */
export interface ScribeCandidate {
  id: string;
  timesScribe: number;
  volunteer: boolean;
  hasNeed: boolean;
  tiebreak: number;
}

/** The best scribe of a non-empty member list (undefined only for an empty list). */
export function chooseScribe(candidates: readonly ScribeCandidate[]): ScribeCandidate | undefined {
  let best: ScribeCandidate | undefined;
  for (const c of candidates) {
    if (!best || compare(c, best) < 0) best = c;
  }
  return best;
}

function compare(a: ScribeCandidate, b: ScribeCandidate): number {
  return (
    a.timesScribe - b.timesScribe ||
    Number(b.volunteer) - Number(a.volunteer) ||
    Number(a.hasNeed) - Number(b.hasNeed) ||
    a.tiebreak - b.tiebreak
  );
}

/** How many times each person was scribe in the given rounds. */
export function scribeCounts(
  rounds: readonly { groups: readonly { scribeId: string }[] }[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rounds) for (const g of r.groups) counts.set(g.scribeId, (counts.get(g.scribeId) ?? 0) + 1);
  return counts;
}
