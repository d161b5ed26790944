/** The parts of an Azure core pipeline this module uses (the connector clients' `client.pipeline`). */
export interface ClientPipeline {
  removePolicy(options: { phase?: string; name?: string }): unknown;
  addPolicy(
    policy: {
      name: string;
      sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
    },
    options?: { afterPhase?: string },
  ): void;
}

/**
 * Set per connector call by the messenger: told the instant the call's request goes on the wire
 * (after signing, so a slow token does not count as sending), once.
 */
export interface DepartureHook {
  onDepart?: (at: number) => void;
}

const DEPARTURE_POLICY = "dialogiDeparture";

/**
 * Readies one turn's connector client for paced sending: drops the SDK's retry phase (it sleeps
 * in real time and retries on top of ours, which are paced, bounded and on an injectable clock)
 * and adds a last policy that reports each request's departure to `hook`, so the pacing logs
 * count sends when the service can see them, not when they were let through.
 */
export function preparePipeline(
  pipeline: ClientPipeline | undefined,
  hook: DepartureHook,
  now: () => number,
): void {
  if (!pipeline) return;
  pipeline.removePolicy({ phase: "Retry" });
  pipeline.removePolicy({ name: DEPARTURE_POLICY });
  pipeline.addPolicy(
    {
      name: DEPARTURE_POLICY,
      sendRequest(request, next) {
        const depart = hook.onDepart;
        hook.onDepart = undefined;
        depart?.(now());
        return next(request);
      },
    },
    { afterPhase: "Sign" },
  );
}
