// Runs the mocha suite. Kept as a script so CI and `npm test` share one entry point.
//   node scripts/run-tests.mjs                      the whole suite (what `npm test` runs)
//   node scripts/run-tests.mjs bot/test/x.spec.ts   only the named spec files (while working)
// The default spec globs live here, not in .mocharc.json: mocha appends positional files to a
// configured `spec`, so a configured list would make "run one file" run everything.
import { spawnSync } from "node:child_process";

const DEFAULT_SPECS = ["bot/test/**/*.spec.ts", "test/**/*.spec.ts"];
const given = process.argv.slice(2);
const namesSpecs = given.some((a) => !a.startsWith("-"));
const args = ["mocha", ...given, ...(namesSpecs ? [] : DEFAULT_SPECS)];
const result = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } });
process.exit(result.status ?? 1);
