import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDateTime, orgName, orgNameLang, sortByOrgName } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import type { ListingHealth } from "@dialogi/contracts";
import { getListingHealth, remindOrganisation } from "./api";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    alignItems: "center",
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** An item with its names per language (an older server sends the Finnish name only). */
const withNames = (o: ListingHealth) => ({ ...o, names: o.names ?? { fi: o.name } });

/**
 * Coordinators: organisations whose listing is missing or stale, each with a one-click reminder.
 * Each is named in the reader's language (the Finnish name, marked as such, when it has none) and
 * the list is in that language's alphabetical order: the server's order is the Finnish names'.
 */
export function ListingHealthSection() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const health = useAsync((signal) => getListingHealth(signal), "health");
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const remind = async (orgId: string) => {
    setBusy(orgId);
    setErrors((e) => ({ ...e, [orgId]: "" }));
    try {
      const r = await remindOrganisation(orgId);
      setDone((d) => ({ ...d, [orgId]: t("peer.health.reminded", { count: r.delivered }) }));
    } catch (err) {
      setErrors((e) => ({ ...e, [orgId]: errorMessage(err) }));
    } finally {
      setBusy(undefined);
    }
  };

  const lang = i18n.language;
  const items = useMemo(
    () => sortByOrgName((health.data?.items ?? []).map(withNames), lang),
    [health.data, lang],
  );
  return (
    <section aria-labelledby="listing-health">
      <h2 id="listing-health">{t("peer.health.title")}</h2>
      <p>{t("peer.health.intro")}</p>
      {health.status === "loading" && <Loading label={t("status.loading")} />}
      {health.status === "error" && <ErrorState message={health.error} onRetry={health.reload} />}
      {health.status === "ready" && items.length === 0 && <Empty>{t("peer.health.empty")}</Empty>}
      <ul className={styles.list}>
        {items.map((o) => (
          <li key={o.orgId} className={styles.row}>
            <a className={styles.name} href={`#/org/${encodeURIComponent(o.orgId)}`}>
              <span lang={orgNameLang(o.names, lang) === lang ? undefined : "fi"}>
                {orgName(o.names, lang)}
              </span>
            </a>
            <span className={styles.meta}>
              {o.reason === "stale"
                ? t("peer.health.stale", { date: formatDateTime(o.lastUpdated, i18n.language) })
                : o.reason === "needsUpdate"
                  ? t("peer.health.needsUpdate", { count: o.needsUpdate ?? 1 })
                  : t("peer.health.listingMissing")}
              {o.lastRemindedAt &&
                ` · ${t("peer.health.lastReminded", { at: formatDateTime(o.lastRemindedAt, i18n.language) })}`}
            </span>
            {done[o.orgId] ? (
              <span role="status">{done[o.orgId]}</span>
            ) : o.reachable > 0 ? (
              <Button
                size="small"
                disabled={busy === o.orgId}
                onClick={() => remind(o.orgId)}
                aria-label={t("peer.health.remindNamed", { name: orgName(o.names, lang) })}
              >
                {t("peer.health.remind")}
              </Button>
            ) : (
              <span className={styles.meta}>{t("peer.health.unreachable")}</span>
            )}
            {errors[o.orgId] && <ErrorState message={errors[o.orgId]!} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
