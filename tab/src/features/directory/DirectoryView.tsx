import type { Entry, EntryQuery } from "@dialogi/contracts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../platform/api/organisations";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatNumber, sortByOrgName } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { searchEntries } from "./api";
import { useDirectoryStyles } from "./directoryStyles";
import { OrgList } from "./OrgList";
import { ResultItem } from "./ResultItem";
import { SearchForm } from "./SearchForm";
import { useDirectoryFilters } from "./useDirectoryFilters";

const SEARCH_DEBOUNCE_MS = 150;

/** Per-organisation counts by section, from the unfiltered entry list. */
function countsByOrg(entries: Entry[] | undefined): Map<string, Record<string, number>> {
  const m = new Map<string, Record<string, number>>();
  for (const e of entries ?? []) {
    const c = m.get(e.orgId) ?? { done: 0, upcoming: 0, other: 0 };
    c[e.section] = (c[e.section] ?? 0) + 1;
    m.set(e.orgId, c);
  }
  return m;
}

/**
 * `#/directory`: search (instant, debounced) with filters, and the organisations grouped by
 * type when no search is active. Filters live in the hash so Back restores them.
 */
export function DirectoryView({ query }: { query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const styles = useDirectoryStyles();
  useTitle(t("directory.title"));
  const { filters, active, set, clear } = useDirectoryFilters(query);

  const orgs = useAsync(() => loadOrganisations(), "orgs");
  // All visible entries once: themes and years for the filters, section counts per organisation.
  const facets = useAsync((signal) => searchEntries({}, signal), "facets");
  const searchKey = active ? JSON.stringify(filters) : null;
  const results = useAsync(
    (signal) => searchEntries({ ...filters, q: filters.q.trim() } as EntryQuery, signal),
    searchKey,
    SEARCH_DEBOUNCE_MS,
  );

  const orgById = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const sortedOrgs = useMemo(() => sortByOrgName(orgs.data ?? [], lang), [orgs.data, lang]);
  const themes = useMemo(
    () =>
      [...new Set((facets.data?.items ?? []).flatMap((e) => e.themes ?? []))].sort((a, b) =>
        a.localeCompare(b, lang),
      ),
    [facets.data, lang],
  );
  const years = useMemo(
    () =>
      [...new Set((facets.data?.items ?? []).map((e) => e.time?.year).filter((y): y is number => !!y))].sort(
        (a, b) => b - a,
      ),
    [facets.data],
  );
  const counts = useMemo(() => countsByOrg(facets.data?.items), [facets.data]);

  let announcement = "";
  if (active && results.status === "ready") {
    const n = results.data.total ?? results.data.items.length;
    announcement = filters.q.trim()
      ? t("directory.resultsFor", { count: n, q: filters.q.trim(), n: formatNumber(n, lang) })
      : t("directory.results", { count: n, n: formatNumber(n, lang) });
  }

  return (
    <>
      <h1>{t("directory.title")}</h1>
      <p className={styles.intro}>{t("directory.intro")}</p>

      <SearchForm
        filters={filters}
        active={active}
        set={set}
        clear={clear}
        orgs={sortedOrgs}
        themes={themes}
        years={years}
      />

      <div
        role="status"
        aria-live="polite"
        aria-atomic="true"
        className={active ? styles.count : "visually-hidden"}
      >
        {announcement}
      </div>

      {active ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            {t("directory.resultsHeading")}
          </h2>
          {results.status === "loading" && !results.data && <Loading label={t("directory.searching")} />}
          {results.status === "error" && <ErrorState message={results.error} onRetry={results.reload} />}
          {results.data && results.data.items.length === 0 && results.status === "ready" && (
            <Empty>{t("directory.noResults")}</Empty>
          )}
          {results.data && results.data.items.length > 0 && (
            <ul className={styles.list} aria-busy={results.status === "loading"}>
              {results.data.items.map((e) => (
                <ResultItem key={`${e.orgId}/${e.id}`} entry={e} org={orgById.get(e.orgId)} />
              ))}
            </ul>
          )}
        </section>
      ) : (
        <OrgList orgs={sortedOrgs} counts={counts} state={orgs} />
      )}
    </>
  );
}
