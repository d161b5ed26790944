import type { Response } from "restify";
import {
  AlreadyExistsError,
  ConflictError,
  ForbiddenError,
  HasChildrenError,
  NotFoundError,
  StaleWriteError,
  ValidationError,
  type FieldProblems,
} from "../errors";
import { translator, type Language } from "../i18n/i18n";
import { isStoreUnavailable } from "../tables/errors";

/** The API's error body (docs/directory-api.md). */
export interface ErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
  current?: unknown;
}

/** An HTTP-level refusal raised by the API layer itself (auth, missing routes). */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    /** `namespace:key` of the translated message. */
    readonly messageKey: string,
  ) {
    super(code);
  }
}

/** The token is missing or not valid (401). */
export class AuthError extends HttpError {
  override name = "AuthError";
  constructor(readonly reason: string) {
    super(401, "unauthorized", "common:unauthorized");
  }
}

/** The identity provider could not be reached to check a token (503). */
export class AuthUnavailableError extends HttpError {
  override name = "AuthUnavailableError";
  constructor(cause?: unknown) {
    super(503, "unavailable", "common:unavailable");
    this.cause = cause;
  }
}

const t = (lang: Language, key: string, params?: Record<string, unknown>) => {
  const [ns, k] = key.includes(":") ? key.split(":", 2) : ["directory", key];
  return String(translator(lang, ns)(k!, params as never));
};

/** Field problems → translated messages per field. */
export function translateFields(lang: Language, problems: FieldProblems): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, p] of Object.entries(problems))
    out[field] = t(lang, `directory:fields.${p.code}`, p.params);
  return out;
}

/** Maps any error of a directory request to status and translated body; undefined = unexpected (500). */
export function errorResponse(err: unknown, lang: Language): { status: number; body: ErrorBody } | undefined {
  const body = (error: string, key: string): ErrorBody => ({ error, message: t(lang, key) });
  if (err instanceof ValidationError) {
    return {
      status: 400,
      body: {
        ...body("validation", "directory:errors.validation"),
        fields: translateFields(lang, err.fields),
      },
    };
  }
  if (err instanceof HttpError) return { status: err.status, body: body(err.code, err.messageKey) };
  if (err instanceof ForbiddenError) return { status: 403, body: body("forbidden", "common:forbidden") };
  if (err instanceof NotFoundError) return { status: 404, body: body("notFound", "common:notFound") };
  if (err instanceof ConflictError) {
    return { status: 409, body: { ...body("conflict", "common:conflict"), current: err.current } };
  }
  if (err instanceof StaleWriteError) return { status: 409, body: body("conflict", "common:conflict") };
  if (err instanceof AlreadyExistsError)
    return { status: 409, body: body("exists", "directory:errors.exists") };
  if (err instanceof HasChildrenError) {
    return { status: 409, body: body("hasChildren", "directory:errors.hasChildren") };
  }
  if (isStoreUnavailable(err)) return { status: 503, body: body("unavailable", "common:unavailable") };
  return undefined;
}

/** Sends an error body; 401 also says how to authenticate, 503 when to retry. */
export function sendError(res: Response, status: number, body: ErrorBody): void {
  if (status === 401) res.header("WWW-Authenticate", 'Bearer error="invalid_token"');
  if (status === 503) res.header("Retry-After", "5");
  res.header("Cache-Control", "no-store");
  res.send(status, body);
}

/** The generic 500 body (no details: they go to the log with the request id). */
export function internalError(lang: Language): ErrorBody {
  return { error: "internal", message: t(lang, "directory:errors.internal") };
}
