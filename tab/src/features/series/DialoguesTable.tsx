import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { Empty } from "../../platform/components/Status";
import { formatDate, formatNumber } from "../../platform/lib/format";
import type { DashboardRow } from "@dialogi/contracts";

export const useTableStyles = makeStyles({
  scroll: {
    overflowX: "auto",
    margin: `${tokens.spacingVerticalM} 0`,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "2px" },
  },
  table: {
    borderCollapse: "collapse",
    width: "100%",
    backgroundColor: tokens.colorNeutralBackground1,
    "& th, & td": {
      textAlign: "start",
      verticalAlign: "top",
      padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
      borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    },
    "& thead th": { fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  },
  missing: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** The registered dialogues of a series, one row each (table with column and row headers). */
export function DialoguesTable({ rows }: { rows: DashboardRow[] }) {
  const { t, i18n } = useTranslation();
  const styles = useTableStyles();
  if (rows.length === 0) return <Empty>{t("series.table.empty")}</Empty>;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <div className={styles.scroll} role="region" aria-labelledby="series-dialogues" tabIndex={0}>
      <table className={styles.table} aria-labelledby="series-dialogues">
        <thead>
          <tr>
            <th scope="col">{t("series.table.organisation")}</th>
            <th scope="col">{t("series.table.dialogue")}</th>
            <th scope="col">{t("series.table.date")}</th>
            <th scope="col">{t("series.table.mode")}</th>
            <th scope="col">{t("series.table.language")}</th>
            <th scope="col">{t("series.table.targetGroup")}</th>
            <th scope="col">{t("series.table.expectedParticipants")}</th>
            <th scope="col">{t("series.table.region")}</th>
            <th scope="col">{t("series.table.records")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.organisation}</th>
              <td>{r.title || "–"}</td>
              <td>{formatDate(r.date, i18n.language)}</td>
              <td>{t(`series.modes.${r.mode}`, { defaultValue: r.mode })}</td>
              <td>{t(`series.languages.${r.language}`, { defaultValue: r.language })}</td>
              <td>{r.targetGroup || "–"}</td>
              <td>{n(r.expectedParticipants)}</td>
              <td>{t(`series.regions.${r.region}`, { defaultValue: r.region })}</td>
              <td>
                {r.records > 0 ? (
                  n(r.records)
                ) : (
                  <span className={styles.missing}>{t("series.records.missingShort")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
