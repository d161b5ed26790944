import { useCallback, useEffect, useState } from "react";
import { parseHash, replaceHash } from "../../platform/lib/router";

export const FILTER_KEYS = ["q", "org", "section", "tag", "area", "year"] as const;
export type Filters = Record<(typeof FILTER_KEYS)[number], string>;

function filtersFrom(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ""])) as Filters;
}

/**
 * The directory's search filters, kept in the hash (`#/directory?q=…`) so Back restores them and
 * links can open a search.
 */
export function useDirectoryFilters(query: URLSearchParams) {
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(query));
  const active = FILTER_KEYS.some((k) => filters[k].trim() !== "");

  useEffect(() => {
    const qs = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k]) qs.set(k, filters[k]);
    const s = qs.toString();
    replaceHash(`#/directory${s ? `?${s}` : ""}`);
  }, [filters]);

  // A link or Back to another `#/directory?…` keeps this view mounted: take the new filters.
  // (replaceHash above fires no hashchange, so this sees only real navigations.)
  useEffect(() => {
    const onHashChange = () => {
      const route = parseHash(window.location.hash);
      if (route.name === "directory") setFilters(filtersFrom(route.query));
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);

  const set = useCallback(
    (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value })),
    [],
  );
  const clear = useCallback(() => setFilters(filtersFrom(new URLSearchParams())), []);

  return { filters, active, set, clear };
}
