/**
 * Mocha global setup (listed in .mocharc.json, so `npm test` runs it once before any spec): the
 * server serves the tab from tab/dist, so build it when it is missing or older than its sources.
 * Thus a fresh clone passes `npm install && npm test` without a separate `npm run build`.
 */
import { ensureTabBuilt } from "./browser";

/** Builds the tab once per run when needed (a no-op when tab/dist is current). */
export function mochaGlobalSetup(): void {
  ensureTabBuilt();
}
