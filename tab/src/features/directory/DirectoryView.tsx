import type { EntryQuery } from "@dialogi/contracts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations, peekOrganisations } from "../../platform/api/organisations";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatNumber, sortByOrgName } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { arrivedFacets, getFacets, searchEntries } from "./api";
import { useDirectoryStyles } from "./directoryStyles";
import { OrgList } from "./OrgList";
import { ResultItem } from "./ResultItem";
import { SearchForm } from "./SearchForm";
import { useDirectoryFilters } from "./useDirectoryFilters";

const SEARCH_DEBOUNCE_MS = 150;
/** One empty list for every render before the facets arrive (stable for the filter's memo). */
const NONE: never[] = [];

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

  // On first load both usually arrived with the page's first requests (boot.ts): no spinner.
  const orgs = useAsync(() => loadOrganisations(), "orgs", 0, peekOrganisations);
  // The filters' themes and years, from every entry the caller can see (in the UI language's order).
  const facets = useAsync((signal) => getFacets(signal), `facets:${lang}`, 0, arrivedFacets);
  const searchKey = active ? JSON.stringify(filters) : null;
  const results = useAsync(
    (signal) => searchEntries({ ...filters, q: filters.q.trim() } as EntryQuery, signal),
    searchKey,
    SEARCH_DEBOUNCE_MS,
  );

  const orgById = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const sortedOrgs = useMemo(() => sortByOrgName(orgs.data ?? [], lang), [orgs.data, lang]);
  const themes = facets.data?.themes ?? NONE;
  const years = facets.data?.years ?? NONE;

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
        <OrgList orgs={sortedOrgs} state={orgs} />
      )}
    </>
  );
}
