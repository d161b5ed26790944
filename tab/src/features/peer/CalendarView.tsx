import { Field, Input, Select, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../platform/api/organisations";
import { usePrincipal } from "../../platform/auth/session";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { OrgOptions } from "../../platform/components/OrgOptions";
import { sortByOrgName } from "../../platform/lib/format";
import { replaceHash } from "../../platform/lib/router";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import type { CalendarItem } from "@dialogi/contracts";
import { getCalendar } from "./api";
import { DialogueItem } from "./DialogueItem";
import { ListingHealthSection } from "./ListingHealthSection";

const useStyles = makeStyles({
  filters: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalL,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
});

function Section({
  id,
  title,
  items,
  focus,
}: {
  id: string;
  title: string;
  items: CalendarItem[];
  focus?: string;
}) {
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item.dialogueId}>
            <DialogueItem item={item} focused={item.dialogueId === focus} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * `#/calendar?org=&theme=&dialogue=`: past and upcoming peer dialogues, filterable by organisation
 * and theme (kept in the address so a view can be shared); coordinators also see the listings to
 * chase. Lazy-loaded.
 */
export default function CalendarView({ query }: { query: URLSearchParams }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const principal = usePrincipal();
  useTitle(t("peer.title"));
  const [org, setOrg] = useState(query.get("org") ?? "");
  const [theme, setTheme] = useState(query.get("theme") ?? "");
  const orgs = useAsync(() => loadOrganisations(), "orgs");
  const calendar = useAsync(
    (signal) => getCalendar({ org, theme: theme.trim() }, signal),
    `${org}|${theme.trim()}`,
    250,
  );
  const sorted = useMemo(() => sortByOrgName(orgs.data ?? [], i18n.language), [orgs.data, i18n.language]);
  const update = (next: { org?: string; theme?: string }) => {
    const q = new URLSearchParams({ org: next.org ?? org, theme: next.theme ?? theme });
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    replaceHash(`#/calendar${q.size ? `?${q}` : ""}`);
  };

  const items = calendar.data?.items ?? [];
  const focus = query.get("dialogue") ?? undefined;
  return (
    <>
      <h1>{t("peer.title")}</h1>
      <p>{t("peer.intro")}</p>
      <div className={styles.filters} role="search">
        <Field label={t("peer.filterOrg")}>
          <Select
            value={org}
            onChange={(_, d) => {
              setOrg(d.value);
              update({ org: d.value });
            }}
          >
            <option value="">{t("peer.allOrgs")}</option>
            <OrgOptions orgs={sorted} lang={i18n.language} />
          </Select>
        </Field>
        <Field label={t("peer.filterTheme")}>
          <Input
            value={theme}
            onChange={(_, d) => {
              setTheme(d.value);
              update({ theme: d.value });
            }}
          />
        </Field>
      </div>
      {calendar.status === "loading" && !calendar.data && <Loading label={t("status.loading")} />}
      {calendar.status === "error" && <ErrorState message={calendar.error} onRetry={calendar.reload} />}
      {calendar.status === "ready" && items.length === 0 && (
        <Empty>{org || theme.trim() ? t("peer.empty") : t("peer.emptyNoFilters")}</Empty>
      )}
      <Section
        id="cal-upcoming"
        title={t("peer.upcoming")}
        items={items.filter((i) => i.upcoming)}
        focus={focus}
      />
      <Section id="cal-past" title={t("peer.past")} items={items.filter((i) => !i.upcoming)} focus={focus} />
      {principal?.coordinator && <ListingHealthSection />}
    </>
  );
}
