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
 * Coordinator check shared by the bot and the API: the principal's flag, or the configured list
 * (`COORDINATORS`, lower-cased) containing the user's AAD object id or e-mail address.
 */
export function isConfiguredCoordinator(
  coordinators: readonly string[],
  ids: { userId?: string; email?: string; flag?: boolean },
): boolean {
  if (ids.flag) return true;
  const candidates = [ids.userId, ids.email].filter((v): v is string => !!v).map((v) => v.toLowerCase());
  return candidates.some((c) => coordinators.includes(c));
}
