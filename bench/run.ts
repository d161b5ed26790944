/**
 * `npm run bench [-- --quick]`: measures what users feel, each figure beside a baseline
 * measured in the same run (shared machines are noisy, ratios less so). Never fails on timing.
 * Prints a table and writes bench/results.json.
 */
import os from "node:os";
import path from "node:path";
import { startAzurite } from "../bot/src/platform/tables/azurite";
import type { BenchContext } from "./lib/context";
import { report, type Figure } from "./lib/report";
import { botPipelineBench } from "./sections/bot-pipeline";
import { groupingBench } from "./sections/grouping";
import { notesPipelineBench } from "./sections/notes-pipeline";
import { startupBench } from "./sections/startup";
import { seriesSummaryBench } from "./sections/series-summary";
import { fanoutBench } from "./sections/fanout";
import { dialogueDayBench } from "./sections/dialogue-day";
import { directorySearchBench } from "./sections/directory-search";
import { bundleSizeBench } from "./sections/bundle-size";
import { tabLoadBench } from "./sections/tab-load";
import { registrationRaceBench } from "./sections/registration-race";
import { registrationRaceGraphBench } from "./sections/registration-race-graph";

type Section = { name: string; run: (ctx: BenchContext) => Promise<Figure[]> };

/** Every section; add new ones here. */
const SECTIONS: Section[] = [
  { name: "bot path", run: botPipelineBench },
  { name: "start-up", run: () => startupBench() },
  { name: "series summary", run: seriesSummaryBench },
  { name: "grouping", run: groupingBench },
  { name: "notes pipeline", run: notesPipelineBench },
  { name: "fan-out", run: fanoutBench },
  { name: "dialogue day", run: dialogueDayBench },
  { name: "directory search", run: directorySearchBench },
  { name: "tab bundle", run: () => bundleSizeBench() },
  { name: "tab load", run: tabLoadBench },
  { name: "registration race", run: registrationRaceBench },
  { name: "registration race with Graph", run: registrationRaceGraphBench },
];

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const azurite = await startAzurite();
  const ctx: BenchContext = { quick, azurite };
  const figures: Figure[] = [];
  try {
    for (const section of SECTIONS) {
      if (only && !section.name.includes(only)) continue;
      process.stdout.write(`running ${section.name}…\n`);
      try {
        figures.push(...(await section.run(ctx)));
      } catch (err) {
        console.error(`section ${section.name} failed:`, err);
        process.exitCode = 1;
      }
    }
  } finally {
    await azurite.stop();
  }
  report(
    figures,
    {
      at: new Date().toISOString(),
      quick,
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
    },
    path.resolve("bench/results.json"),
  );
  // Child processes (Azurite, servers) are stopped; exit even if a keep-alive socket lingers.
  process.exit(process.exitCode ?? 0);
}

void main();
