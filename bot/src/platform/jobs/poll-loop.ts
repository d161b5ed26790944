import { errorFields, type Logger } from "../../logger";
import type { DueRow } from "./due-rows";
import { emptySummary, type RunSummary } from "./run-summary";

/** What {@link createPollLoop} needs. */
export interface PollLoopOptions {
  pollMs: number;
  /** Handlers run at once. */
  concurrency: number;
  logger: Logger;
  now: () => Date;
  findDue(at: Date): Promise<DueRow[]>;
  settle(row: DueRow, summary: RunSummary): Promise<void>;
}

/**
 * The runner's background polling. It keeps polling while handlers run (a long handler must not
 * delay the other due jobs — e.g. a dead instance's — until it ends): each poll fills the free
 * handler slots, and a poll that left rows waiting for a slot polls again as soon as one frees.
 */
export function createPollLoop(o: PollLoopOptions) {
  const { pollMs, concurrency, logger } = o;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let current: Promise<unknown> | undefined;
  const inFlight = new Map<string, Promise<void>>();
  let saturated = false;

  const launch = (row: DueRow) => {
    const key = `${row.partitionKey}/${row.rowKey}`;
    const p = o.settle(row, emptySummary()).finally(() => {
      inFlight.delete(key);
      // Rows were left waiting for a slot: poll again now rather than after pollMs.
      if (saturated) kick();
    });
    inFlight.set(key, p);
  };

  const poll = async (): Promise<void> => {
    const free = concurrency - inFlight.size;
    saturated = false;
    if (free <= 0) return;
    const rows = (await o.findDue(o.now())).filter((r) => !inFlight.has(`${r.partitionKey}/${r.rowKey}`));
    for (const row of rows.slice(0, free)) launch(row);
    saturated = rows.length >= free;
  };

  const loop = async (): Promise<void> => {
    timer = undefined;
    if (!running || current) return;
    try {
      current = poll();
      await current;
    } catch (err) {
      logger.warn("job poll failed", errorFields(err));
    } finally {
      current = undefined;
    }
    if (running && !timer) timer = setTimeout(() => void loop(), pollMs).unref();
  };

  function kick() {
    if (!running || current) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void loop(), 0).unref();
  }

  return {
    /** Polls every `pollMs` until `stop()`. */
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(() => void loop(), 0).unref();
    },
    /** Stops polling and waits for running handlers to finish. */
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await current?.catch(() => undefined);
      await Promise.all(inFlight.values());
    },
  };
}
