import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../platform/components/Status";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { download } from "../../platform/api/client";
import { exportPath, getDashboard } from "./api";
import { DialoguesTable } from "./DialoguesTable";
import { RecordsSection } from "./RecordsSection";
import { SeriesDates } from "./SeriesList";
import { StatisticsSection } from "./StatisticsSection";
import { SummarySection } from "./SummarySection";

const useStyles = makeStyles({
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalM, alignItems: "center" },
});

/** A coordinator's dashboard of one series. */
export function SeriesDashboard({ id }: { id: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const dash = useAsync((signal) => getDashboard(id, signal), id);
  const [exportError, setExportError] = useState("");
  const [exporting, setExporting] = useState(false);
  useTitle(dash.data ? `${dash.data.series.theme} – ${t("series.title")}` : t("series.title"));

  const exportCsv = async () => {
    setExportError("");
    setExporting(true);
    try {
      await download(exportPath(id));
    } catch (err) {
      setExportError(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const back = (
    <p>
      <a href="#/series">{t("series.back")}</a>
    </p>
  );
  if (!dash.data)
    return (
      <>
        <h1>{t("series.dashboard")}</h1>
        {back}
        {dash.status === "error" ? (
          <ErrorState message={dash.error} onRetry={dash.reload} />
        ) : (
          <Loading label={t("status.loading")} />
        )}
      </>
    );
  const { series, rows, statistics } = dash.data;
  return (
    <>
      <h1>{series.theme}</h1>
      {back}
      <p>{series.question}</p>
      <SeriesDates series={series} className={styles.meta} />
      {dash.status === "error" && <ErrorState message={dash.error} onRetry={dash.reload} />}
      <StatisticsSection statistics={statistics} />
      <section aria-labelledby="series-dialogues">
        <h2 id="series-dialogues">{t("series.table.title")}</h2>
        <div className={styles.actions}>
          <Button onClick={exportCsv} disabled={exporting}>
            {t("series.export.csv")}
          </Button>
        </div>
        {exportError && <ErrorState message={exportError} />}
        <DialoguesTable rows={rows} />
      </section>
      <RecordsSection seriesId={id} rows={rows} onReminded={dash.reload} />
      <SummarySection seriesId={id} />
    </>
  );
}
