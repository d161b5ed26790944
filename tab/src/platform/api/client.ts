import { i18next } from "../i18n";
import { hasEarly, takeEarly, type EarlyAnswer } from "./early-requests";

/** An API failure with the server's translated message and per-field messages. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly current?: unknown,
  ) {
    super(message);
  }
}

type TokenSource = () => Promise<string | undefined>;

let tokenSource: TokenSource = async () => undefined;
let onUnauthorized: () => void = () => {};

/** Sets where bearer tokens come from (Teams SSO or dev sign-in) and what a 401 does. */
export function configureAuth(source: TokenSource, unauthorized: () => void): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  /** Sent as If-Match (optimistic concurrency). */
  etag?: string;
  signal?: AbortSignal;
  /** Skip the bearer token (only /api/auth/config and dev sign-in). */
  anonymous?: boolean;
}

/** The server sends `fields` as translated strings; tolerate `{ code, message }` objects too. */
function normaliseFields(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== "object") return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof v === "string") out[k] = v;
    else if (v && typeof v === "object") {
      const o = v as { message?: unknown; code?: unknown };
      out[k] =
        typeof o.message === "string"
          ? o.message
          : i18next.t("errors.fieldInvalid", { code: String(o.code ?? "") });
    }
  }
  return out;
}

/** The translated message for an HTTP status the server sent no message with. */
const statusMessage = (status: number) =>
  i18next.t(`errors.status.${status}`, { defaultValue: i18next.t("errors.generic") });

/**
 * Sends a request with the UI's Accept-Language and, unless anonymous, the bearer token.
 * A network failure becomes ApiError `network`; an abort is rethrown as is.
 */
async function send(path: string, options: RequestOptions, accept?: string): Promise<Response> {
  const headers: Record<string, string> = {
    ...(accept ? { Accept: accept } : {}),
    "Accept-Language": i18next.language || "fi",
  };
  if (!options.anonymous) {
    const token = await tokenSource();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.etag) headers["If-Match"] = options.etag;
  try {
    return await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: "same-origin",
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", i18next.t("errors.network"));
  }
}

/** The body as JSON, or undefined when it is empty or not JSON. */
async function jsonOf(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** The ApiError of a failed response (`{ error, message, fields?, current? }`). */
function failure(status: number, data: unknown): ApiError {
  const d = (data ?? {}) as { error?: string; message?: string; fields?: unknown; current?: unknown };
  return new ApiError(
    status,
    d.error ?? String(status),
    typeof d.message === "string" && d.message ? d.message : statusMessage(status),
    normaliseFields(d.fields),
    d.current,
  );
}

/**
 * Calls the Dialogi API: JSON in and out, bearer token, Accept-Language of the UI.
 * Throws ApiError; errors carry the server's translated `message` or a translated fallback.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { status, data } = (await earlyAnswer(path, options)) ?? (await exchange(path, options));
  if (status === 204) return undefined as T;
  if (status < 200 || status > 299) {
    if (status === 401 && !options.anonymous) onUnauthorized();
    throw failure(status, data);
  }
  return data as T;
}

/** Sends the request and reads the JSON answer. */
async function exchange(path: string, options: RequestOptions): Promise<EarlyAnswer> {
  const res = await send(path, options, "application/json");
  return { status: res.status, data: res.status === 204 ? undefined : await jsonOf(res) };
}

/** The answer of the same GET started before the first render (early-requests.ts), if any. */
async function earlyAnswer(path: string, options: RequestOptions): Promise<EarlyAnswer | undefined> {
  if ((options.method ?? "GET") !== "GET" || options.signal?.aborted || !hasEarly(path)) return undefined;
  const token = options.anonymous ? undefined : await tokenSource();
  return takeEarly(path, token, i18next.language || "fi");
}

/** The bearer token the API calls carry now (the early requests are sent with it too). */
export const currentToken = (): Promise<string | undefined> => tokenSource();

/**
 * Downloads a file the API serves behind the bearer token (a plain link cannot carry it): fetches
 * it and saves it under the server's file name.
 */
export async function download(path: string): Promise<void> {
  const res = await send(path, {});
  if (!res.ok) throw failure(res.status, await jsonOf(res));
  const name =
    /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ??
    path.split("/").pop() ??
    "download";
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds a query string from the non-empty values. */
export function query(params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : "";
}
