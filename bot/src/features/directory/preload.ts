import type { Logger } from "../../logger";
import type { ReadinessCheck } from "../../platform/http/readiness";
import type { DirectoryReadModel } from "./domain/read-model";

/**
 * Starts loading the home tenant's snapshot in the background (listen and `/api/health` never
 * wait for it) and returns the readiness check that holds user traffic until it is in memory:
 * "starting" while the first load runs, "ready" once it has finished.
 *
 * A failed load does not leave the instance "starting" for ever (a store outage must read as
 * unavailable, which `/api/ready` then reports from its store ping, not hang): the check says
 * "ready" and starts one more load in the background at each probe until one succeeds — a
 * request meanwhile loads on demand, as it would without a preload.
 */
export function preloadHomeSnapshot(
  readModel: DirectoryReadModel,
  tenantId: string,
  logger: Logger,
): ReadinessCheck {
  let state: "loading" | "loaded" | "failed" = "loading";
  let retrying = false;
  const load = () => {
    const started = performance.now();
    return readModel.preload(tenantId).then((entries) => {
      if (entries === undefined) {
        state = state === "loaded" ? "loaded" : "failed"; // logged by the read model's onRefreshError
        return;
      }
      state = "loaded";
      const ms = Math.round(performance.now() - started);
      logger.info("directory snapshot preloaded", { tenantId, entries, ms });
    });
  };
  void load();
  return () => {
    if (state === "loading") return "starting";
    if (state === "failed" && !retrying) {
      retrying = true;
      void load().finally(() => (retrying = false));
    }
    return "ready";
  };
}
