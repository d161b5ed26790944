import type { OrgType, OrganisationView } from "@dialogi/contracts";
import { Badge } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatNumber, orgName, orgNameLang } from "../../platform/lib/format";
import { useDirectoryStyles } from "./directoryStyles";

const TYPE_ORDER: OrgType[] = ["ministry", "agency", "ely", "other"];

/** The organisations grouped by type, with entry counts (the directory without a search). */
export function OrgList({
  orgs,
  state,
}: {
  orgs: OrganisationView[];
  state: { status: string; error?: string; reload: () => void };
}) {
  const { t, i18n } = useTranslation();
  const styles = useDirectoryStyles();
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
                const upcoming = o.sectionCounts?.upcoming ?? 0;
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
                        {upcoming > 0
                          ? ` · ${t("directory.upcomingCount", { count: upcoming, n: formatNumber(upcoming, lang) })}`
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
