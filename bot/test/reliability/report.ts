/**
 * Per-group figures for the CI log: tests record pass/fail (and notes) under a group, and one
 * root-level `after` hook prints a line per group once every test file has run, e.g.
 * `faults: 8/8 (…)` or `fuzz: 1120 inputs, 0 failures`.
 */
const groups = new Map<string, { passed: number; total: number; notes: string[]; line?: string }>();

const groupOf = (name: string) => {
  let g = groups.get(name);
  if (!g) {
    g = { passed: 0, total: 0, notes: [] };
    groups.set(name, g);
  }
  return g;
};

/** Records one checked case of `group`; `note` is appended to the group's line (e.g. counts). */
export function record(group: string, passed: boolean, note?: string): void {
  const g = groupOf(group);
  g.total++;
  if (passed) g.passed++;
  if (note) g.notes.push(note);
}

/** Replaces the group's `passed/total` figure with a line of its own (e.g. the fuzz counts). */
export function summaryLine(group: string, line: string): void {
  groupOf(group).line = line;
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

/** The summary lines, one per group. */
export function reportLines(): string[] {
  return [...groups].map(([name, g]) => {
    const notes = g.notes.length ? ` (${g.notes.join("; ")})` : "";
    return `${name}: ${g.line ?? `${g.passed}/${g.total}`}${notes}`;
  });
}

// Root-level hook (this module is loaded by mocha with the spec files): print once, at the end.
after(() => {
  const lines = reportLines();
  if (lines.length) process.stdout.write(`\n${lines.join("\n")}\n`);
});
