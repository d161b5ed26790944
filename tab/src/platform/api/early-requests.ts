/**
 * GET requests started before the app has rendered: the sign-in check and the landing view's
 * data, sent as soon as a bearer token is known, so they travel while React and Fluent are
 * still being evaluated and the first render already has its data. Each answer is taken once
 * (`takeEarly`): later reads of the same path go to the server again, so nothing stale is kept.
 *
 * This module has no dependencies on purpose: `boot.ts` (an entry of its own, first in
 * index.html) runs it before the app's large modules, and the app shares the same instance.
 */

/** An answer read in full: what `api()` needs to treat it like its own request. */
export interface EarlyAnswer {
  status: number;
  /** The parsed JSON body (undefined when empty or not JSON). */
  data: unknown;
}

interface Early {
  at: number;
  token: string | undefined;
  language: string;
  answer: Promise<EarlyAnswer | undefined>;
  /** Set once the answer has arrived (for the synchronous first render). */
  settled?: EarlyAnswer;
}

const started = new Map<string, Early>();

/** An early answer not taken within this is dropped: it was for a first render that did not use it. */
const MAX_AGE_MS = 10_000;

/** The early request for `path`, unless it is too old to stand for a fresh one. */
function live(path: string): Early | undefined {
  const early = started.get(path);
  if (early && performance.now() - early.at > MAX_AGE_MS) started.delete(path);
  return started.get(path);
}

/** Drops every early answer (on sign-in and sign-out: they were fetched with another token). */
export function forgetEarly(): void {
  started.clear();
}

/** The session key the development sign-in keeps its token under (platform/auth/session.tsx). */
export const DEV_TOKEN_KEY = "dialogi.devToken";

/** The API paths the directory (the landing view) reads on first render. */
export const DIRECTORY_PATHS = ["/api/directory/organisations", "/api/directory/facets"] as const;

/** Whether the URL hash is the directory route (`#/`, `#/directory`, with or without a query). */
export function isDirectoryHash(hash: string): boolean {
  return /^#?\/?(?:directory\/?)?(?:\?.*)?$/.test(hash);
}

function read(store: () => Storage, key: string): string | undefined {
  try {
    return store().getItem(key) ?? undefined;
  } catch {
    return undefined; // storage blocked in embedded browsers
  }
}

/** Whether the page can only be a plain browser tab: teams-js needs a parent, opener or native bridge. */
export function plainBrowserWindow(): boolean {
  return window.parent === window && !window.opener && !("nativeInterface" in window);
}

/**
 * Starts GETs of `paths` with `token` and `Accept-Language: language`. A path already started
 * (and not yet taken) is not sent twice.
 */
export function startEarly(paths: readonly string[], token: string | undefined, language: string): void {
  for (const path of paths) {
    if (live(path)) continue;
    const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language };
    if (token) headers.Authorization = `Bearer ${token}`;
    const early: Early = { at: performance.now(), token, language, answer: Promise.resolve(undefined) };
    early.answer = fetch(path, { headers, credentials: "same-origin" })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown;
        try {
          data = text ? JSON.parse(text) : undefined;
        } catch {
          data = undefined;
        }
        early.settled = { status: res.status, data };
        return early.settled;
      })
      .catch(() => undefined); // a network failure: the app's own request tries again
    started.set(path, early);
  }
}

/** Whether an early request for `path` waits to be taken (saves asking for a token otherwise). */
export const hasEarly = (path: string): boolean => live(path) !== undefined;

/**
 * Takes the early answer for `path` if it was sent with the same token and language; undefined
 * when there is none (or it failed on the network), and the caller sends its own request.
 */
export function takeEarly(
  path: string,
  token: string | undefined,
  language: string,
): Promise<EarlyAnswer | undefined> | undefined {
  const early = live(path);
  if (!early || early.token !== token || early.language !== language) return undefined;
  started.delete(path);
  return early.answer;
}

/**
 * Takes the body of a successful early answer that has already arrived (synchronously: a view's
 * first render uses it instead of showing a spinner). Undefined otherwise, and the path stays
 * available to {@link takeEarly}. Pass `language` when the answer depends on it. No token check: answers are dropped whenever the signed-in
 * user changes ({@link forgetEarly}) and after {@link MAX_AGE_MS}.
 */
export function takeArrived<T>(path: string, language?: string): T | undefined {
  const early = live(path);
  if (!early?.settled || early.settled.status !== 200) return undefined;
  if (language !== undefined && early.language !== language) return undefined;
  started.delete(path);
  return early.settled.data as T;
}

/** Resolves when every started request has answered, or after `ms`, whichever is first. */
export function earlySettled(ms: number): Promise<void> {
  const all = Promise.all([...started.values()].map((e) => e.answer)).then(() => undefined);
  return Promise.race([all, new Promise<void>((r) => setTimeout(r, ms))]);
}

/**
 * At page load in a plain browser with a stored development sign-in: the sign-in check, the
 * public configuration and, on the directory route, its data. (Inside Teams the token comes
 * from teams-js, so the session starts these once it has one.)
 */
export function startBootRequests(language: string): void {
  startEarly(["/api/auth/config"], undefined, language);
  const token = read(() => sessionStorage, DEV_TOKEN_KEY);
  if (!token || !plainBrowserWindow()) return;
  startEarly(["/api/me"], token, language);
  if (isDirectoryHash(window.location.hash)) startEarly(DIRECTORY_PATHS, token, language);
}
