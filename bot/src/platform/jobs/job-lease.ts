import type { TableClient } from "@azure/data-tables";
import { errorFields, type Logger } from "../../logger";
import { isLostRace } from "./job-table";

/** Options for {@link holdLease}. */
export interface HoldLeaseOptions {
  table: TableClient;
  /** The claimed due row. */
  key: { partitionKey: string; rowKey: string };
  /** ETag of the claim (the write that took the lease). */
  etag: string;
  /** Lease expiry written by the claim. */
  until: Date;
  leaseMs: number;
  /** Renew this often (well inside `leaseMs`, so one or two failed renewals are survived). */
  renewMs: number;
  now: () => Date;
  logger: Logger;
  /** Ids for log lines (job id, kind). */
  fields: Record<string, unknown>;
}

/** A lease kept alive while its handler runs. */
export interface HeldLease {
  /** Aborted once the lease is lost: another instance may run the job now. */
  readonly signal: AbortSignal;
  /**
   * Stops renewing (waiting for a renewal in flight, so the ETag is final) and returns the ETag
   * to settle the row with, or undefined when the lease was lost: then the row is not ours to
   * delete or reschedule.
   */
  release(): Promise<string | undefined>;
}

/** The reason a lost lease's signal carries. */
export class LeaseLostError extends Error {
  constructor(readonly why: "taken" | "expired") {
    super(
      why === "taken"
        ? "job lease lost: another instance took the job, or it was rescheduled or cancelled"
        : "job lease expired before it could be renewed",
    );
    this.name = "LeaseLostError";
  }
}

/**
 * Renews a job lease every `renewMs` with an ETag-conditional write of `leaseUntil`, so a long
 * handler keeps its job while a dead instance's jobs are free again within one short lease.
 * A 412/404 means another instance took the job over (our renewals stalled longer than the
 * lease, e.g. a frozen process): the signal aborts and the handler must stop before its next
 * effect. A failed write of another kind (store briefly down) is retried until the lease would
 * run out; past that point another instance may legitimately claim it, so the signal aborts too.
 */
export function holdLease(o: HoldLeaseOptions): HeldLease {
  const controller = new AbortController();
  let etag: string | undefined = o.etag;
  let until = o.until;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let released = false;

  const lose = (why: LeaseLostError["why"]) => {
    etag = undefined;
    if (!controller.signal.aborted) controller.abort(new LeaseLostError(why));
    o.logger.warn("job lease lost", { ...o.fields, why });
  };

  const schedule = (ms: number) => {
    if (released || etag === undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      inFlight = renew().finally(() => (inFlight = undefined));
    }, ms);
    timer.unref();
  };

  const renew = async (): Promise<void> => {
    if (released || etag === undefined) return;
    const next = new Date(o.now().getTime() + o.leaseMs);
    try {
      const res = await o.table.updateEntity(
        { partitionKey: o.key.partitionKey, rowKey: o.key.rowKey, leaseUntil: next },
        "Merge",
        { etag },
      );
      etag = res.etag ?? etag;
      until = next;
      schedule(o.renewMs);
    } catch (err) {
      if (isLostRace(err)) return lose("taken");
      const left = until.getTime() - o.now().getTime();
      if (left <= 0) return lose("expired");
      o.logger.warn("job lease renewal failed; retrying", { ...o.fields, leftMs: left, ...errorFields(err) });
      schedule(Math.min(o.renewMs, Math.max(50, left / 3)));
    }
  };

  schedule(o.renewMs);
  return {
    signal: controller.signal,
    async release() {
      released = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
      // No expiry check here: settling is conditional on this ETag, which fails if another
      // instance claimed the row since, and succeeds (no rerun) if nobody did.
      return etag;
    },
  };
}
