import { useMemo, useSyncExternalStore } from "react";

/** The tab's views, addressed by the URL hash (Teams tab URLs point at them). */
export type Route =
  | { name: "directory"; query: URLSearchParams }
  | { name: "org"; id: string; query: URLSearchParams }
  | { name: "entryNew"; query: URLSearchParams }
  | { name: "entryEdit"; orgId: string; id: string; query: URLSearchParams }
  | { name: "moderation"; query: URLSearchParams }
  | { name: "accessibility"; query: URLSearchParams }
  | { name: "config"; query: URLSearchParams }
  | { name: "facilitator"; query: URLSearchParams }
  | { name: "calendar"; query: URLSearchParams }
  | { name: "series"; id?: string; query: URLSearchParams }
  | { name: "admin"; query: URLSearchParams }
  | { name: "notFound"; query: URLSearchParams };

export type RouteName = Route["name"];

/** Parses `#/org/vm?entry=x` style hashes. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, "");
  const [pathPart = "", qs = ""] = raw.split("?", 2);
  const query = new URLSearchParams(qs);
  const parts = pathPart.split("/").filter(Boolean).map(safeDecode);
  const [a, b, c, d] = parts;
  if (parts.length === 0 || (a === "directory" && parts.length === 1)) return { name: "directory", query };
  if (a === "org" && b && parts.length === 2) return { name: "org", id: b, query };
  if (a === "entry" && b === "new" && parts.length === 2) return { name: "entryNew", query };
  if (a === "entry" && b && c && d === "edit" && parts.length === 4)
    return { name: "entryEdit", orgId: b, id: c, query };
  if (a === "series" && parts.length <= 2) return { name: "series", id: b, query };
  if (
    parts.length === 1 &&
    (a === "moderation" ||
      a === "admin" ||
      a === "accessibility" ||
      a === "config" ||
      a === "facilitator" ||
      a === "calendar")
  )
    return { name: a, query };
  return { name: "notFound", query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Builds a hash href, e.g. `href("org", "vm")` → `#/org/vm`. */
export function href(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join("/")}`;
}

/** Navigates to a hash (adds a history entry). */
export function navigate(hash: string): void {
  window.location.hash = hash;
}

/**
 * Replaces the current hash without a history entry or a hashchange event. Nothing is done when
 * the hash is already that (`history.replaceState` is slow: it cost a view's first render ~14 ms).
 */
export function replaceHash(hash: string): void {
  if (window.location.hash === hash) return;
  const url = new URL(window.location.href);
  url.hash = hash;
  window.history.replaceState(window.history.state, "", url);
}

function subscribe(cb: () => void): () => void {
  window.addEventListener("hashchange", cb);
  return () => window.removeEventListener("hashchange", cb);
}

/** The current route, re-rendering on navigation (parsed once per distinct hash). */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}
