import { i18next } from "../i18n";

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

/**
 * Calls the Dialogi API: JSON in and out, bearer token, Accept-Language of the UI.
 * Throws ApiError; errors carry the server's translated `message` or a translated fallback.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": i18next.language || "fi",
  };
  if (!options.anonymous) {
    const token = await tokenSource();
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.etag) headers["If-Match"] = options.etag;

  let res: Response;
  try {
    res = await fetch(path, {
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
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const d = (data ?? {}) as { error?: string; message?: string; fields?: unknown; current?: unknown };
    const fallback = i18next.t(`errors.status.${res.status}`, { defaultValue: i18next.t("errors.generic") });
    if (res.status === 401 && !options.anonymous) onUnauthorized();
    throw new ApiError(
      res.status,
      d.error ?? String(res.status),
      typeof d.message === "string" && d.message ? d.message : fallback,
      normaliseFields(d.fields),
      d.current,
    );
  }
  return data as T;
}

/** The bearer token and language headers of an API call, for downloads that are not JSON. */
export async function requestHeaders(): Promise<Record<string, string>> {
  const token = await tokenSource();
  return {
    "Accept-Language": i18next.language || "fi",
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  };
}

/** Builds a query string from the non-empty values. */
export function query(params: Record<string, string | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : "";
}
