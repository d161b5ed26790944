import type { Env } from "./env-schema";

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateConfig {
  burst: number;
  perSecond: number;
}

/** Per-user abuse limits read from the environment. */
export interface RateLimitsConfig {
  /**
   * Message extension searches and link unfurls per Teams user (`EXTENSION_SEARCH_BURST`,
   * `EXTENSION_SEARCH_PER_MINUTE`). Teams sends a query as the user types, so the burst covers
   * typing a search word by word; a script is held to the refill rate.
   */
  extensionSearch: RateConfig;
}

/** Defaults: 30 at once, then one a second — a person typing a search never meets it. */
export const DEFAULT_EXTENSION_SEARCH_RATE: RateConfig = { burst: 30, perSecond: 1 };

/** The rate limits, each falling back to its default. */
export function rateLimitsConfig(e: Env): RateLimitsConfig {
  return {
    extensionSearch: {
      burst: e.EXTENSION_SEARCH_BURST ?? DEFAULT_EXTENSION_SEARCH_RATE.burst,
      perSecond:
        e.EXTENSION_SEARCH_PER_MINUTE !== undefined
          ? e.EXTENSION_SEARCH_PER_MINUTE / 60
          : DEFAULT_EXTENSION_SEARCH_RATE.perSecond,
    },
  };
}
