import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** One measured figure, printed beside its same-run baseline and its goal. */
export interface Figure {
  section: string;
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is compared with (e.g. raw Azurite upsert). */
  baseline?: { name: string; value: number };
  /** value / baseline.value, or a quality ratio the section computes. */
  ratio?: number;
  goal?: string;
  /** Whether the goal was met (undefined when there is no goal). */
  met?: boolean;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

/** Prints the figures as a table and writes them (with machine facts) to bench/results.json. */
export function report(figures: readonly Figure[], meta: Record<string, unknown>, outFile: string): void {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    `${f.value} ${f.unit}`,
    f.baseline ? `${f.baseline.name}: ${f.baseline.value}` : "",
    f.ratio !== undefined ? `${f.ratio}×` : "",
    f.goal ?? "",
    f.met === undefined ? "" : f.met ? "met" : "MISSED",
  ]);
  const header = ["section", "figure", "value", "baseline (same run)", "ratio", "goal", ""];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!)).join("  ");
  console.log("\n" + line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify({ ...meta, figures }, null, 2));
  console.log(`\nwrote ${outFile}`);
}
