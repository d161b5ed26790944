import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { Empty } from "../../platform/components/Status";
import { formatDate } from "../../platform/lib/format";
import { href } from "../../platform/lib/router";
import type { Series } from "@dialogi/contracts";

export const useCardStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400 },
  meta: { margin: `${tokens.spacingVerticalXS} 0 0`, color: tokens.colorNeutralForeground2 },
});

/** The period and deadlines of a series, one line. */
export function SeriesDates({ series, className }: { series: Series; className?: string }) {
  const { t, i18n } = useTranslation();
  const d = (s: string) => formatDate(s, i18n.language);
  return (
    <p className={className}>
      {t("series.period", { start: d(series.periodStart), end: d(series.periodEnd) })} ·{" "}
      {t("series.registrationDeadline", { date: d(series.registrationDeadline) })} ·{" "}
      {t("series.recordsDeadline", { date: d(series.recordsDeadline) })}
    </p>
  );
}

/** Coordinators: every series of the tenant, newest first, each linking to its dashboard. */
export function SeriesList({ items }: { items: Series[] }) {
  const { t } = useTranslation();
  const styles = useCardStyles();
  return (
    <>
      <h1>{t("series.title")}</h1>
      <p>{t("series.intro")}</p>
      {items.length === 0 ? (
        <Empty>{t("series.empty")}</Empty>
      ) : (
        <ul className={styles.list}>
          {items.map((s) => (
            <li key={s.id} className={styles.card}>
              <h2 className={styles.title}>
                <a href={href("series", s.id)}>{s.theme}</a>
              </h2>
              <p className={styles.meta}>{s.question}</p>
              <SeriesDates series={s} className={styles.meta} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
