import type { SeriesLanguage } from "./types";

/**
 * Who is acting, as the series services see it: from the authenticated activity (bot) or the
 * verified token (REST API), never from a payload.
 */
export interface SeriesActor {
  userId: string;
  tenantId: string;
  name: string;
  /** Decided by the caller from configuration (config.coordinators) or the principal's flag. */
  coordinator: boolean;
  lang: SeriesLanguage;
}

/**
 * Coordinator check shared by the bot and the API: the principal's flag (object id or app role),
 * or the configured list (`COORDINATORS`, lower-cased) containing the user's Entra object id.
 */
export function isConfiguredCoordinator(
  coordinators: readonly string[],
  ids: { userId?: string; flag?: boolean },
): boolean {
  if (ids.flag) return true;
  return !!ids.userId && coordinators.includes(ids.userId.toLowerCase());
}
