import { Badge, Button, Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../platform/api/organisations";
import { searchEntries } from "./api";
import {
  SECTIONS,
  WORK_AREAS,
  type Entry,
  type EntryQuery,
  type OrganisationView,
  type OrgType,
} from "@dialogi/contracts";
import { timeLabel } from "./EntryMeta";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatNumber, orgName, orgNameLang } from "../../platform/lib/format";
import { parseHash, replaceHash } from "../../platform/lib/router";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";

const SEARCH_DEBOUNCE_MS = 150;
const FILTER_KEYS = ["q", "org", "section", "tag", "area", "year"] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const TYPE_ORDER: OrgType[] = ["ministry", "agency", "ely", "other"];

const useStyles = makeStyles({
  intro: { marginTop: 0, maxWidth: "60rem", color: tokens.colorNeutralForeground2 },
  search: {
    display: "grid",
    gap: tokens.spacingHorizontalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(11rem, 1fr))",
    alignItems: "end",
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  query: { gridColumn: "1 / -1" },
  // Grid items shrink to their track; long organisation names must not push selects over.
  cell: { minWidth: 0 },
  select: { width: "100%", minWidth: 0 },
  clear: { justifySelf: "start" },
  count: { margin: `${tokens.spacingVerticalM} 0`, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  orgGrid: {
    listStyle: "none",
    padding: 0,
    margin: 0,
    display: "grid",
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: "repeat(auto-fill, minmax(18rem, 1fr))",
  },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    height: "100%",
    boxSizing: "border-box",
  },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  link: { color: tokens.colorBrandForegroundLink },
  meta: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  badges: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalS,
  },
  snippet: { margin: `${tokens.spacingVerticalS} 0 0` },
  groupTitle: {
    fontSize: tokens.fontSizeBase500,
    margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalM}`,
  },
});

function filtersFrom(query: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ""])) as Filters;
}

function snippet(text: string, max = 260): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")} …` : text;
}

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
  const styles = useStyles();
  useTitle(t("directory.title"));
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
  const sortedOrgs = useMemo(
    () =>
      [...(orgs.data ?? [])].sort((a, b) =>
        orgName(a.names, lang).localeCompare(orgName(b.names, lang), lang),
      ),
    [orgs.data, lang],
  );
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

  const set = useCallback(
    (key: keyof Filters, value: string) => setFilters((f) => ({ ...f, [key]: value })),
    [],
  );

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

      <form
        role="search"
        aria-label={t("directory.searchRegion")}
        className={styles.search}
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label={t("directory.searchLabel")} hint={t("directory.searchHint")} className={styles.query}>
          <Input
            type="search"
            value={filters.q}
            onChange={(_, d) => set("q", d.value)}
            autoComplete="off"
            maxLength={200}
          />
        </Field>
        <Field label={t("filters.org")} className={styles.cell}>
          <Select className={styles.select} value={filters.org} onChange={(_, d) => set("org", d.value)}>
            <option value="">{t("filters.all")}</option>
            {sortedOrgs.map((o) => (
              <option key={o.id} value={o.id}>
                {orgName(o.names, lang)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("filters.section")} className={styles.cell}>
          <Select
            className={styles.select}
            value={filters.section}
            onChange={(_, d) => set("section", d.value)}
          >
            <option value="">{t("filters.all")}</option>
            {SECTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`sections.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("filters.theme")} className={styles.cell}>
          <Select className={styles.select} value={filters.tag} onChange={(_, d) => set("tag", d.value)}>
            <option value="">{t("filters.all")}</option>
            {themes.map((th) => (
              <option key={th} value={th}>
                {th}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("filters.area")} className={styles.cell}>
          <Select className={styles.select} value={filters.area} onChange={(_, d) => set("area", d.value)}>
            <option value="">{t("filters.all")}</option>
            {WORK_AREAS.map((a) => (
              <option key={a} value={a}>
                {t(`areas.${a}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("filters.year")} className={styles.cell}>
          <Select className={styles.select} value={filters.year} onChange={(_, d) => set("year", d.value)}>
            <option value="">{t("filters.all")}</option>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </Select>
        </Field>
        {active && (
          <Button className={styles.clear} onClick={() => setFilters(filtersFrom(new URLSearchParams()))}>
            {t("filters.clear")}
          </Button>
        )}
      </form>

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

function ResultItem({ entry, org }: { entry: Entry; org?: OrganisationView }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const when = timeLabel(entry, i18n.language);
  return (
    <li>
      <article className={styles.card} aria-labelledby={`r-${entry.orgId}-${entry.id}`}>
        <h3 className={styles.cardTitle} id={`r-${entry.orgId}-${entry.id}`}>
          <a
            className={styles.link}
            href={`#/org/${encodeURIComponent(entry.orgId)}?entry=${encodeURIComponent(entry.id)}`}
          >
            {entry.title}
          </a>
        </h3>
        <p className={styles.meta}>
          {org ? (
            <span lang={orgNameLang(org.names, i18n.language)}>{orgName(org.names, i18n.language)}</span>
          ) : (
            entry.orgId
          )}
          {" · "}
          {t(`sections.${entry.section}`)}
          {when ? ` · ${when}` : ""}
        </p>
        {entry.status !== "published" && (
          <div className={styles.badges}>
            <Badge appearance="tint" color={entry.status === "pending" ? "warning" : "danger"}>
              {t(`status.${entry.status}`)}
            </Badge>
          </div>
        )}
        {entry.description && <p className={styles.snippet}>{snippet(entry.description)}</p>}
      </article>
    </li>
  );
}

function OrgList({
  orgs,
  counts,
  state,
}: {
  orgs: OrganisationView[];
  counts: Map<string, Record<string, number>>;
  state: { status: string; error?: string; reload: () => void };
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const lang = i18n.language;
  if (state.status === "loading" && orgs.length === 0) return <Loading label={t("directory.loadingOrgs")} />;
  if (state.status === "error")
    return <ErrorState message={state.error ?? t("errors.generic")} onRetry={state.reload} />;
  if (orgs.length === 0) return <Empty>{t("directory.noOrgs")}</Empty>;
  return (
    <>
      {TYPE_ORDER.map((type) => {
        const group = orgs.filter((o) => (TYPE_ORDER.includes(o.type) ? o.type : "other") === type);
        if (group.length === 0) return null;
        return (
          <section key={type} aria-labelledby={`type-${type}`}>
            <h2 id={`type-${type}`} className={styles.groupTitle}>
              {t(`orgTypes.${type}`)}
            </h2>
            <ul className={styles.orgGrid}>
              {group.map((o) => {
                const c = counts.get(o.id);
                return (
                  <li key={o.id}>
                    <article className={styles.card} aria-labelledby={`o-${o.id}`}>
                      <h3 className={styles.cardTitle} id={`o-${o.id}`}>
                        <a
                          className={styles.link}
                          href={`#/org/${encodeURIComponent(o.id)}`}
                          lang={orgNameLang(o.names, lang)}
                        >
                          {orgName(o.names, lang)}
                        </a>
                      </h3>
                      <p className={styles.meta}>
                        {o.shortName && o.shortName !== orgName(o.names, lang) ? `${o.shortName} · ` : ""}
                        {t("directory.entryCount", {
                          count: o.entryCount,
                          n: formatNumber(o.entryCount, lang),
                        })}
                        {c && (c.upcoming ?? 0) > 0
                          ? ` · ${t("directory.upcomingCount", { count: c.upcoming, n: formatNumber(c.upcoming ?? 0, lang) })}`
                          : ""}
                      </p>
                      {o.listingMissing && (
                        <div className={styles.badges}>
                          <Badge appearance="tint" color="warning">
                            {t("org.listingMissing")}
                          </Badge>
                        </div>
                      )}
                    </article>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
