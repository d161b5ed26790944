import type { Next, Request, Response } from "restify";
import type { Identity } from "../auth/identity";
import { toLanguage, translator } from "../i18n/i18n";
import type { Logger } from "../../logger";
import type { RateLimiter } from "./rate-limit";

/** Write endpoints of the tab's REST APIs (directory, series, peer) that are rate limited per user. */
const LIMITED_PATHS = /^\/api\/(?:directory|series|peer)(?:\/|$)/;
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Default per-user write budget of the tab APIs: a burst of 60, refilled at one write a second
 * (a person editing in the tab writes far less; a runaway script is slowed to 1/s).
 */
export const WRITE_RATE = { burst: 60, perSecond: 1 } as const;

/** Options of {@link writeRateLimit}. */
export interface WriteRateLimitOptions {
  limiter: RateLimiter;
  /** Verifies the bearer token (the API's authenticator); throws when it is missing or invalid. */
  authenticate(authorization: string | undefined): Promise<Identity>;
  logger: Logger;
}

/**
 * Middleware: takes a token from the authenticated user's bucket for every write to the tab APIs
 * and answers 429 with Retry-After and a translated message when it is empty. Requests without
 * a valid token pass through untouched (the route answers 401 itself), so anonymous traffic
 * cannot drain someone else's bucket. Restify middleware keeps the (req, res, next) form.
 */
export function writeRateLimit(options: WriteRateLimitOptions) {
  return (req: Request, res: Response, next: Next): void => {
    if (!WRITE_METHODS.has(req.method ?? "") || !LIMITED_PATHS.test(req.path())) return next();
    options
      .authenticate(req.header("authorization"))
      .then(
        (identity) => options.limiter.take(`${identity.tenantId}|${identity.userId}`),
        () => 0,
      )
      .then((wait) => {
        if (wait <= 0) return next();
        options.logger.warn("write rate limited", { requestId: req.id(), path: req.path(), wait });
        const lang = toLanguage(req.header("accept-language"));
        res.header("Retry-After", String(wait));
        res.header("Cache-Control", "no-store");
        res.send(429, {
          error: "rateLimited",
          message: String(translator(lang, "common")("rateLimited", { seconds: wait })),
        });
        next(false);
      });
  };
}
