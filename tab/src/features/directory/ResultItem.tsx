import type { Entry, OrganisationView } from "@dialogi/contracts";
import { Badge } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { orgName, orgNameLang } from "../../platform/lib/format";
import { useDirectoryStyles } from "./directoryStyles";
import { timeLabel } from "./EntryMeta";

function snippet(text: string, max = 260): string {
  return text.length > max ? `${text.slice(0, max).replace(/\s+\S*$/, "")} …` : text;
}

/** One search result: title linking to the entry, organisation, section, time and a snippet. */
export function ResultItem({ entry, org }: { entry: Entry; org?: OrganisationView }) {
  const { t, i18n } = useTranslation();
  const styles = useDirectoryStyles();
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
