/**
 * Per-group figures for the CI log: each test records pass/fail (and extra facts) under a group,
 * and `printReport` (from an `after` hook) writes one line per group, e.g. `faults: 5/5`.
 */
const groups = new Map<string, { passed: number; total: number; notes: string[] }>();

/** Records one checked case of `group`; `note` is appended to the group's line (e.g. counts). */
export function record(group: string, passed: boolean, note?: string): void {
  const g = groups.get(group) ?? { passed: 0, total: 0, notes: [] };
  g.total++;
  if (passed) g.passed++;
  if (note) g.notes.push(note);
  groups.set(group, g);
}

/**
 * Wraps a test body: records it as passed or failed under `group`, rethrowing failures.
 * The body may return a note for the summary line.
 */
export function tracked(group: string, body: () => Promise<string | void>): () => Promise<void> {
  return async () => {
    try {
      const note = await body();
      record(group, true, note || undefined);
    } catch (err) {
      record(group, false);
      throw err;
    }
  };
}

/** Prints and forgets the line of `group`. */
export function printReport(group: string): void {
  const g = groups.get(group);
  if (!g) return;
  const notes = g.notes.length ? ` (${g.notes.join("; ")})` : "";
  process.stdout.write(`${group}: ${g.passed}/${g.total}${notes}\n`);
  groups.delete(group);
}
