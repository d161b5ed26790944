import type { AppExit, AppProcess } from "../../bot/testing/app-process";
import { leaseHolder } from "../../bot/testing/outbox-fleet";
import type { TableStore } from "../../bot/src/platform/tables/table-store";

/**
 * How the instances are replaced:
 * - `surge`: the new processes start (and join) before the cards go out, then the old ones are
 *   stopped one after another while they do — a slot swap: the staging slot is warmed on
 *   /api/ready first, then the old instances go. Needs no start-up inside the sending window,
 *   so it fits a CI-size run.
 * - `in-place`: each old process is stopped, then its replacement started; the next stop waits
 *   for it to answer /api/health — a rolling restart (platform upgrade, deploy to one slot).
 */
export type RestartMode = "surge" | "in-place";

/** One instance's stop during a rolling restart. */
export interface RestartStep {
  /** It held the sender lease when the stop began. */
  wasHolder: boolean;
  /** Members with their group card when the stop began (of {@link RollingRestartOptions.total}). */
  cardsAtStop: number;
  /** SIGTERM to exit. */
  exit: AppExit;
  /** When the SIGTERM was sent (performance.now()). */
  at: number;
  /** The replacement's start, spawn to /api/health 200 (in-place only; ms). */
  replacementStartMs?: number;
  /** Why the replacement did not come up (the restart ends there). */
  replacementError?: string;
}

/** Options of {@link rollingRestart}. */
export interface RollingRestartOptions {
  mode: RestartMode;
  /** The processes to restart, in the order they came up. */
  olds: readonly AppProcess[];
  /** Starts a replacement (in-place mode) and keeps it for clean-up. */
  start: () => Promise<AppProcess>;
  store: TableStore;
  /** Members with their group card so far. */
  progress: () => number;
  total: number;
  /** True once the run is over (cards all out or timed out): stop waiting for thresholds. */
  over: () => boolean;
  /** SIGKILL a stop that takes longer (App Service waits a limited time after SIGTERM too). */
  stopTimeoutMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops every old process once, one after another, while the cards go out: stop k waits until
 * k/(n+1) of the members have their card (and, in place, until the previous replacement is up),
 * and takes the old process that holds the sender lease if one does, so the handover is tested.
 */
export async function rollingRestart(o: RollingRestartOptions): Promise<RestartStep[]> {
  const remaining = [...o.olds];
  const steps: RestartStep[] = [];
  for (let k = 0; remaining.length > 0; k++) {
    const threshold = (o.total * (k + 1)) / (o.olds.length + 1);
    while (o.progress() < threshold && !o.over()) await sleep(20);
    const holder = await leaseHolder(o.store);
    const holding = remaining.findIndex((a) => a.pid === holder?.pid);
    const [victim] = remaining.splice(Math.max(0, holding), 1);
    const cardsAtStop = o.progress();
    const at = performance.now();
    const exit = await victim!.stop({ timeoutMs: o.stopTimeoutMs });
    const step: RestartStep = { wasHolder: holding >= 0, cardsAtStop, exit, at };
    steps.push(step);
    if (o.mode === "in-place") {
      const t0 = performance.now();
      try {
        await o.start();
        step.replacementStartMs = performance.now() - t0;
      } catch (err) {
        // Reported, not thrown: the run goes on with the instances left, and its figures say so.
        step.replacementError = String((err as Error).message).slice(0, 200);
        break;
      }
    }
  }
  return steps;
}
