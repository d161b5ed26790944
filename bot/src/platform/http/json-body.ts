import restify, { type Next, type Request, type RequestHandler, type Response } from "restify";
import { toLanguage, translator } from "../i18n/i18n";

/** Methods whose body we read. */
const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** `application/json` and `application/<x>+json` (what restify's JSON parser accepts). */
const JSON_TYPE = /^application\/(?:[a-z0-9.-]+\+)?json$/i;
/** HTML form posts, accepted only on the paths a feature declares (the public registration page). */
const FORM_TYPE = /^application\/x-www-form-urlencoded$/i;

/** A refusal restify routes like its own errors ("PayloadTooLarge" / "UnsupportedMediaType" events). */
function httpError(name: string, statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { name, statusCode });
}

/** restify's own refusals (routing, body parsing) → our error code and translation key. */
const OWN_ERRORS: Record<number, [string, string]> = {
  400: ["badRequest", "invalidJson"],
  404: ["notFound", "notFound"],
  405: ["methodNotAllowed", "methodNotAllowed"],
  413: ["tooLarge", "tooLarge"],
  415: ["unsupportedMediaType", "unsupportedMediaType"],
};

/**
 * Translated error bodies for the refusals restify makes before a route runs (bad JSON, no such
 * route or method, too large, not JSON), in the API's error shape; undefined for other statuses.
 */
export function bodyErrorJson(req: Request, status: number, maxBytes: number) {
  const known = OWN_ERRORS[status];
  if (!known) return undefined;
  const t = translator(toLanguage(req.header("accept-language")), "common");
  return { error: known[0], message: String(t(known[1], { maxKb: Math.floor(maxBytes / 1024) })) };
}

function refuse(res: Response, next: Next, status: 413 | 415): void {
  // The rest of the body is not read: close the connection instead of draining it.
  res.header("Connection", "close");
  res.header("Cache-Control", "no-store");
  const [name, message] =
    status === 413
      ? ["PayloadTooLargeError", "Request body too large"]
      : ["UnsupportedMediaTypeError", "Only application/json is accepted"];
  next(httpError(name, status, message));
}

/**
 * Every route takes JSON only. restify's generic `bodyParser` also parses multipart uploads
 * (writing them to the OS temp folder, outside `maxBodySize`) and forms; this gate refuses any
 * body that is not JSON (415), any content encoding (a gzip body would bypass the size limit once
 * inflated) and a declared length over the limit (413) before a byte is read.
 */
function jsonOnly(maxBytes: number, formPaths: readonly RegExp[]): RequestHandler {
  return (req: Request, res: Response, next: Next): void => {
    if (!BODY_METHODS.has(req.method ?? "")) return next();
    const type = req.header("content-type");
    const length = Number(req.header("content-length") ?? 0);
    const hasBody = length > 0 || req.isChunked();
    if (!hasBody && !type) return next();
    const form = FORM_TYPE.test(req.getContentType()) && formPaths.some((p) => p.test(req.path()));
    if (!JSON_TYPE.test(req.getContentType()) && !form) return refuse(res, next, 415);
    const encoding = req.header("content-encoding");
    if (encoding && encoding.toLowerCase() !== "identity") return refuse(res, next, 415);
    if (length > maxBytes) return refuse(res, next, 413);
    next();
  };
}

/**
 * The server's body handling: the JSON-only gate, then restify's JSON reader/parser with a size
 * limit (it also catches chunked bodies that grow past the limit).
 */
export function jsonBody(maxBytes: number, formPaths: readonly RegExp[] = []): RequestHandler[] {
  return [
    jsonOnly(maxBytes, formPaths),
    // maxBodySize is passed on to the body reader (missing from @types/restify's options type).
    ...(restify.plugins.jsonBodyParser({
      mapParams: false,
      maxBodySize: maxBytes,
    } as restify.plugins.JsonBodyParserOptions) as RequestHandler[]),
    // A form body (only let through on declared paths) arrives as text: decode its fields.
    (req: Request, _res: Response, next: Next): void => {
      if (FORM_TYPE.test(req.getContentType()) && typeof req.body === "string")
        req.body = Object.fromEntries(new URLSearchParams(req.body));
      next();
    },
  ];
}
