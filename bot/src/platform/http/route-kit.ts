import type { Request, Response } from "restify";
import type { Principal } from "../auth/identity";
import { toLanguage, type Language } from "../i18n/i18n";
import { errorResponse, internalError, sendError } from "./http-errors";
import type { Identity } from "../auth/identity";
import { errorFields, type Logger } from "../../logger";

/** What the route kit needs: a logger, and for {@link authed} token checks and role resolution. */
export interface RouteKitDeps {
  logger: Logger;
  authenticator: { authenticate(header: string | undefined): Promise<Identity> };
  directory: { principalFor(identity: Identity, options?: { current?: boolean }): Promise<Principal> };
}

/** What a directory handler receives. */
export interface RouteContext {
  req: Request;
  res: Response;
  lang: Language;
  principal: Principal;
}

/** The caller's language from Accept-Language (Finnish by default). */
export const languageOf = (req: Request): Language => toLanguage(req.header("accept-language"));

/** Sends JSON that must not be cached by intermediaries (it depends on who asks). */
export function sendJson(res: Response, status: number, body: unknown, etag?: string): void {
  res.header("Cache-Control", "no-store");
  if (etag) res.header("ETag", etag);
  res.send(status, body);
}

/** Runs a handler, turning every error into the API's translated error body. */
export function guarded(
  deps: Pick<RouteKitDeps, "logger">,
  fn: (req: Request, res: Response, lang: Language) => Promise<void>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const lang = languageOf(req);
    try {
      await fn(req, res, lang);
    } catch (err) {
      const mapped = errorResponse(err, lang);
      if (mapped) {
        if (mapped.status >= 500) {
          deps.logger.warn("directory request failed", {
            requestId: req.id(),
            path: req.path(),
            status: mapped.status,
            ...errorFields(err),
          });
        }
        sendError(res, mapped.status, mapped.body);
        return;
      }
      deps.logger.error("directory request error", {
        requestId: req.id(),
        path: req.path(),
        ...errorFields(err),
      });
      sendError(res, 500, internalError(lang));
    }
  };
}

/** A route that needs a signed-in user: authenticates, resolves directory roles, then runs `fn`. */
export function authed(deps: RouteKitDeps, fn: (ctx: RouteContext) => Promise<void>) {
  return guarded(deps, async (req, res, lang) => {
    const identity = await deps.authenticator.authenticate(req.header("authorization"));
    // Writes check rights against the store; reads may use the directory's snapshot.
    const principal = await deps.directory.principalFor(identity, { current: !isSafe(req) });
    await fn({ req, res, lang, principal });
  });
}

/** GET and HEAD change nothing: their rights may come from an instance's snapshot. */
export const isSafe = (req: Request): boolean => req.method === "GET" || req.method === "HEAD";

/** The If-Match header (an ETag as sent by us), or undefined. */
export const ifMatchOf = (req: Request): string | undefined => req.header("if-match") || undefined;
