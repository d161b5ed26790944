// Runs the whole mocha suite. Kept as a script so CI and `npm test` share one entry point.
import { spawnSync } from "node:child_process";

const args = ["mocha", ...process.argv.slice(2)];
const result = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } });
process.exit(result.status ?? 1);
