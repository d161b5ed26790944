import type { Request, Response } from "restify";
import type { TableStore } from "../tables/table-store";

/**
 * What a feature says about taking user traffic: "starting" while it is still preparing what
 * requests need (e.g. the directory loading its snapshot), "ready" otherwise. A check is asked on
 * every `GET /api/ready`, so it must be cheap and never throw.
 */
export type ReadinessCheck = () => "starting" | "ready";

/** Body of a 503 when the table store does not answer (`/api/health` and `/api/ready`). */
export function storeUnavailable(err: unknown) {
  return { status: "unavailable", reason: "table store not reachable", detail: (err as Error).name };
}

/**
 * `GET /api/health` (liveness): 200 while the table store answers a ping, 503 when it does not.
 * It never waits for any feature, so a process counts as up as soon as it listens.
 */
export function healthRoute(store: TableStore) {
  return async (_req: Request, res: Response) => {
    try {
      await store.ping(2000);
      res.send(200, { status: "ok" });
    } catch (err) {
      res.send(503, storeUnavailable(err));
    }
  };
}

/**
 * `GET /api/ready` (readiness, App Service's health check path): 503 `{status:"starting"}` while
 * any feature is still starting; after that the same answer as `/api/health`, so a store outage
 * reads as unavailable here too. A check that failed to prepare reports "ready" (and retries
 * on its own) rather than keep an instance out of rotation for ever: see docs/deploy.md.
 */
export function readyRoute(store: TableStore, checks: readonly ReadinessCheck[]) {
  const health = healthRoute(store);
  return async (req: Request, res: Response) => {
    if (checks.some((check) => check() === "starting")) {
      res.send(503, { status: "starting" });
      return;
    }
    await health(req, res);
  };
}
