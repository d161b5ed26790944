import type { Request, Response } from "restify";
import type { Principal } from "../../directory";
import { toLanguage, translator, type Language } from "../../../platform/i18n/i18n";
import type { Logger } from "../../../logger";
import { errorFields } from "../../../logger";
import { isStoreUnavailable } from "../../../platform/tables/errors";
import { isConfiguredCoordinator, type SeriesActor } from "../domain/access";
import { SeriesError, type SeriesErrorCode } from "../domain/errors";

/**
 * Verifies the request's bearer token and applies roles (the shared `requestAuthenticator` of
 * api/directory): rejects with a 401 error, or a 503 one when the identity provider is unreachable.
 */
export type Authenticate = (req: Request) => Promise<Principal>;

/** What every series route needs. */
export interface SeriesRouteDeps {
  authenticate: Authenticate;
  coordinators: readonly string[];
  logger: Logger;
}

const STATUS: Record<SeriesErrorCode, number> = {
  notFound: 404,
  noSummary: 404,
  forbidden: 403,
  notCoordinator: 403,
  registrationClosed: 403,
  recordsClosed: 403,
  stale: 409,
  requestReused: 409,
  invalid: 400,
  dialogueNotFound: 400,
};

/** The request's language (Accept-Language; Finnish by default). */
export const langOf = (req: Request): Language => toLanguage(req.header("accept-language"));

/** Sends `{ error, message, fields?, current? }` translated into the request's language. */
export function sendError(
  req: Request,
  res: Response,
  code: string,
  status: number,
  extra: Record<string, unknown> = {},
) {
  const lang = langOf(req);
  const t = translator(lang, "series");
  const common = translator(lang, "common");
  const message =
    t(`refused.${code}`, { defaultValue: "" }) || common(code, { defaultValue: code, reason: code });
  res.send(status, { error: code, message, ...extra });
}

/** Turns a thrown error into the documented error shape; logs ids only. */
export function fail(req: Request, res: Response, err: unknown, logger: Logger): void {
  if (err instanceof SeriesError) {
    const t = translator(langOf(req), "series");
    const extra: Record<string, unknown> = {};
    if (err.fields.length) {
      extra.fields = Object.fromEntries(
        err.fields.map((f) => [f.field, t(`errors.${f.key}`, f.params ?? {})]),
      );
    }
    if (err.current !== undefined) extra.current = err.current;
    return sendError(req, res, err.code, STATUS[err.code], extra);
  }
  if (isStoreUnavailable(err)) return sendError(req, res, "unavailable", 503);
  logger.error("series request failed", { path: req.path(), ...errorFields(err) });
  sendError(req, res, "internal", 500);
}

/** The actor of a request; rejects with 401 (already sent) when not signed in. */
export async function actorOf(
  req: Request,
  res: Response,
  ctx: SeriesRouteDeps,
): Promise<SeriesActor | undefined> {
  let p: Principal;
  try {
    p = await ctx.authenticate(req);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    if (isStoreUnavailable(err) || status === 503) sendError(req, res, "unavailable", 503);
    else sendError(req, res, "unauthorized", 401);
    return undefined;
  }
  return {
    userId: p.userId,
    tenantId: p.tenantId,
    name: p.name,
    coordinator: isConfiguredCoordinator(ctx.coordinators, {
      userId: p.userId,
      flag: p.coordinator,
    }),
    lang: langOf(req),
  };
}

/** The JSON body as an object (restify's body parser has run); arrays and primitives are refused. */
export function bodyOf(req: Request): Record<string, unknown> | undefined {
  const b = (req as { body?: unknown }).body;
  if (b === undefined || b === null || b === "") return {};
  return typeof b === "object" && !Array.isArray(b) ? (b as Record<string, unknown>) : undefined;
}

/** `If-Match: "3"` / `W/"3"` → 3; undefined when absent; NaN when malformed. */
export function ifMatch(req: Request): number | undefined {
  const h = req.header("if-match");
  if (!h) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(h.trim());
  return m ? Number(m[1]) : NaN;
}

/** ETag header value for a version. */
export const etagOf = (version: number) => `"${version}"`;

/**
 * Wraps a handler: authenticates, runs it, maps errors. Restify async handlers take only
 * (req, res) — returning a promise tells restify the handler is done.
 */
export function route(
  ctx: SeriesRouteDeps,
  handler: (req: Request, res: Response, actor: SeriesActor) => Promise<void>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const actor = await actorOf(req, res, ctx);
    if (!actor) return;
    try {
      await handler(req, res, actor);
    } catch (err) {
      fail(req, res, err, ctx.logger);
    }
  };
}

/** Sends a file download with a safe ASCII file name. */
export function sendFile(res: Response, body: string | Buffer, type: string, filename: string): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(200, {
    "Content-Type": type,
    "Content-Length": buf.length,
    "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    "Cache-Control": "no-store",
  });
  res.end(buf);
}
