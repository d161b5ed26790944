import type { TableClient } from "@azure/data-tables";
import { LEASE_PARTITION } from "./delivery-store";

/** Options of {@link createSenderLease}. */
export interface SenderLeaseOptions {
  /** This instance (hostname-pid-random, as the job runner's owner). */
  owner: string;
  /** How long a lease lasts unless renewed. */
  leaseMs: number;
  /**
   * How long past a lapsed (not released) lease another instance waits before taking it. A
   * holder that failed to renew (a starved event loop, a slow store) may still have sends let
   * through by its pacing just before its lapse; the next holder's pacing log starts empty, so it
   * waits out Teams' windows after them. A released lease already carries its quiet period.
   * Default 0.
   */
  lapseQuietMs?: number;
  now?: () => number;
}

/**
 * The one-sender lease: a row in the `Outbox` table that names the instance that sends for the
 * whole app, with an expiry. Taken and renewed with ETag-conditional writes, so two instances
 * never both believe they hold it; a dead holder's lease lapses after `leaseMs`.
 */
export interface SenderLease {
  /** Takes or renews the lease; true while this instance holds it. */
  tryHold(): Promise<boolean>;
  /** True when this instance's lease has not lapsed (checked before each send). */
  holds(): boolean;
  /** True when it is time to renew (a third of the lease has passed). */
  due(): boolean;
  /**
   * Gives the lease up (orderly shutdown): another instance may take it from `freeAt` (epoch ms;
   * default now), not waiting for it to lapse. With a `handover` (the sender's recent sends) the
   * next holder continues the pacing windows and `freeAt` is the last send; without one, the
   * last send plus Teams' one-second window, since the next holder's pacing starts empty.
   */
  release(freeAt?: number, handover?: string): Promise<void>;
  /**
   * The `handover` the last holder left when it released the lease this instance has just
   * taken (once; undefined otherwise).
   */
  takeHandover(): string | undefined;
  /**
   * When the lease another instance holds (or released with a quiet period) is free to take, as
   * last read by {@link tryHold} (epoch ms; 0 when this instance holds it or has not read it).
   */
  freeAt(): number;
  readonly owner: string;
}

const ROW = "sender";
const statusOf = (err: unknown) => (err as { statusCode?: number }).statusCode;

/** Creates the lease over the `Outbox` table. */
export function createSenderLease(table: TableClient, options: SenderLeaseOptions): SenderLease {
  const { owner, leaseMs } = options;
  const lapseQuietMs = Math.max(0, options.lapseQuietMs ?? 0);
  const now = options.now ?? Date.now;
  let until = 0;
  let renewedAt = 0;
  let etag: string | undefined;
  let othersUntil = 0;
  let handedOver: string | undefined;

  const write = async (currentEtag: string | undefined, t: number) => {
    const entity = { partitionKey: LEASE_PARTITION, rowKey: ROW, owner, until: t + leaseMs };
    const res = currentEtag
      ? await table.updateEntity(entity, "Replace", { etag: currentEtag })
      : await table.createEntity(entity);
    etag = res.etag;
    // Counted from before the write: the store may have taken a while to answer.
    until = t + leaseMs;
    renewedAt = t;
    return true;
  };

  return {
    owner,
    async tryHold() {
      const t = now();
      try {
        let row:
          | { owner?: unknown; until?: unknown; released?: unknown; handover?: unknown; etag: string }
          | undefined;
        try {
          row = await table.getEntity(LEASE_PARTITION, ROW);
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
        }
        if (!row) return await write(undefined, t);
        const free = Number(row.until) + (row.released === true ? 0 : lapseQuietMs);
        if (row.owner !== owner && free > t) {
          until = 0;
          othersUntil = free;
          return false;
        }
        othersUntil = 0;
        const taken = await write(row.etag, t);
        if (row.owner !== owner && row.released === true && typeof row.handover === "string")
          handedOver = row.handover;
        return taken;
      } catch (err) {
        // 409 / 412: another instance took it between our read and write.
        if (statusOf(err) === 409 || statusOf(err) === 412) {
          until = 0;
          return false;
        }
        // The store is unreachable: keep what we have until it lapses.
        return now() < until;
      }
    },
    holds: () => now() < until,
    due: () => now() - renewedAt >= leaseMs / 3,
    freeAt: () => othersUntil,
    takeHandover() {
      const h = handedOver;
      handedOver = undefined;
      return h;
    },
    async release(freeAt, handover) {
      if (!etag || now() >= until) return;
      // Stop sending first: from here on no send may start under this lease.
      const lapse = until;
      until = 0;
      // Still ours until `freeAt` (never past the lease's own lapse), so nobody takes it sooner.
      const free = Math.min(lapse, Math.max(0, freeAt ?? 0));
      const entity = {
        partitionKey: LEASE_PARTITION,
        rowKey: ROW,
        owner,
        until: free,
        released: true,
        ...(handover ? { handover } : {}),
      };
      await table.updateEntity(entity, "Replace", { etag }).catch(() => undefined);
    },
  };
}
