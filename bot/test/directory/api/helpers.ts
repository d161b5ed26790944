import { startTestApp, type TestApp, type TestAppOptions } from "../../../testing/app";
import { startSsoAuthority, type SsoAuthority } from "../../../testing/sso";

/** A response with its parsed JSON body (or text when not JSON). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of {@link DirectoryTestApp.call}. */
export interface CallOptions {
  method?: string;
  token?: string;
  /** An object is sent as JSON; a string is sent as-is. */
  body?: unknown;
  headers?: Record<string, string>;
  lang?: string;
}

/** The whole app with a local Entra ID authority configured for SSO, plus request helpers. */
export interface DirectoryTestApp {
  url: string;
  app: TestApp;
  sso: SsoAuthority;
  /** A dev sign-in token for a persona. */
  signIn(persona: "reader" | "staff-vm" | "coordinator"): Promise<string>;
  call<T = Record<string, unknown>>(path: string, options?: CallOptions): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** Starts the composed app (seeded directory) with SSO pointed at a local authority. */
export async function startDirectoryApp(options: TestAppOptions = {}): Promise<DirectoryTestApp> {
  const sso = await startSsoAuthority();
  const app = await startTestApp({ ...options, env: { ...sso.env, LOG_LEVEL: "error", ...options.env } });
  const call = async <T>(path: string, o: CallOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { "accept-language": o.lang ?? "en", ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${app.url}${path}`, { method: o.method ?? "GET", headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (CSV export): keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
  return {
    url: app.url,
    app,
    sso,
    call,
    async signIn(persona) {
      const res = await call<{ token: string }>("/api/auth/dev-signin", {
        method: "POST",
        body: { persona },
      });
      if (res.status !== 200) throw new Error(`dev sign-in failed: ${res.status}`);
      return res.body.token;
    },
    async close() {
      await app.close();
      await sso.close();
    },
  };
}

/** Shape of an entry in API responses (only what tests read). */
export interface ApiEntry {
  id: string;
  orgId: string;
  section: string;
  title: string;
  description: string;
  parentId?: string;
  status: string;
  etag: string;
  places: string[];
  themes: string[];
  time: { text: string; year?: number; start?: string; end?: string };
  eventCount?: number;
}
