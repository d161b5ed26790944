// `npm run playground`: the Microsoft 365 Agents Playground (a local Teams-like client) against
// the running bot (`npm start`), bound to 127.0.0.1 only.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const cli = path.join(
  path.dirname(require.resolve("@microsoft/m365agentsplayground/package.json")),
  "cli.js",
);
const botPort = process.env.PORT ?? "3978";
const port = process.env.PLAYGROUND_PORT ?? "56150";
const args = [
  "--require",
  path.resolve("scripts/loopback-listen.cjs"),
  cli,
  "start",
  "-e",
  `http://127.0.0.1:${botPort}/api/messages`,
  "-c",
  "msteams",
  "-p",
  port,
  "--disable-telemetry",
];
console.log(`Agents Playground: http://127.0.0.1:${port}  (bot: http://127.0.0.1:${botPort}/api/messages)`);
const child = spawn(process.execPath, args, {
  stdio: "inherit",
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? "none" },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
child.on("exit", (code) => process.exit(code ?? 0));
