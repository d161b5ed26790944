import { LRUCache } from "lru-cache";
import { errorFields, type Logger } from "../../logger";
import { graphFailure, graphStatus, type GraphClient } from "./graph-client";

/** What forms may pre-fill from a person's Entra profile. */
export interface UserProfiles {
  /**
   * The person's organisation as Entra knows it (`companyName`, else `department`), or undefined
   * when Graph is off, slow, failing or has none (a person of another tenant is not found in
   * ours). Never throws.
   */
  organisation(userId: string): Promise<string | undefined>;
}

/** Profiles when Graph is off: nothing to pre-fill. */
export const NO_USER_PROFILES: UserProfiles = { organisation: async () => undefined };

/** Options of {@link createUserProfiles}. */
export interface UserProfileOptions {
  graph: GraphClient;
  logger: Logger;
  /** How long an answer is reused. Default 10 minutes: a profile's company rarely changes. */
  ttlMs?: number;
  /** People kept at once. Default 5,000. */
  max?: number;
  /** A form waits at most this long; a slower answer still fills the cache. Default 1.5 s. */
  waitMs?: number;
}

const MAX_LENGTH = 200;

/**
 * The organisation from `GET /users/{id}?$select=companyName,department`, cached per user in
 * memory (an LRU with a TTL: each instance keeps its own, which is fine for a cache). Concurrent
 * look-ups of one person share one request. A failure is logged with its status and not cached,
 * so the next form tries again; a person Graph does not know is cached as "none".
 */
export function createUserProfiles(options: UserProfileOptions): UserProfiles {
  const waitMs = options.waitMs ?? 1500;
  const cache = new LRUCache<string, { organisation: string }>({
    max: options.max ?? 5000,
    ttl: options.ttlMs ?? 10 * 60_000,
    fetchMethod: async (userId) => {
      try {
        const user = (await options.graph
          .api(`/users/${encodeURIComponent(userId)}`)
          .select("companyName,department")
          .get()) as { companyName?: string | null; department?: string | null };
        const text = (user.companyName || user.department || "").trim().slice(0, MAX_LENGTH);
        return { organisation: text };
      } catch (err) {
        if (graphFailure(err) === "notFound") return { organisation: "" };
        options.logger.warn("profile not read from Graph; the form starts empty", {
          status: graphStatus(err),
          failure: graphFailure(err),
          ...errorFields(err),
        });
        throw err;
      }
    },
  });

  return {
    async organisation(userId) {
      if (!userId) return undefined;
      const lookup = cache.fetch(userId).then(
        (v) => v?.organisation || undefined,
        () => undefined,
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      });
      try {
        return await Promise.race([lookup, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
