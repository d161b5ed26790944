import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDateTime, formatNumber } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { download } from "../../platform/api/client";
import { getSummary, summaryPath } from "./api";

const useStyles = makeStyles({
  actions: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalM,
    margin: `${tokens.spacingVerticalM} 0`,
  },
  analysis: { whiteSpace: "pre-wrap" },
});

const FORMATS = ["docx", "md", "csv"] as const;

/** The series' summary (draft or published) with its downloads, when one is compiled. */
export function SummarySection({ seriesId }: { seriesId: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const summary = useAsync((signal) => getSummary(seriesId, signal), seriesId);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const n = (v: number) => formatNumber(v, i18n.language);

  const get = async (ext: (typeof FORMATS)[number]) => {
    setError("");
    setBusy(true);
    try {
      await download(summaryPath(seriesId, ext));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const s = summary.data;
  return (
    <section aria-labelledby="series-summary">
      <h2 id="series-summary">{t("series.summary.title")}</h2>
      {summary.status === "loading" && <Loading label={t("status.loading")} />}
      {summary.status === "error" && <ErrorState message={summary.error} onRetry={summary.reload} />}
      {summary.status === "ready" && !s && <Empty>{t("series.summary.none")}</Empty>}
      {summary.status === "ready" && s && (
        <>
          <p>
            <Badge appearance="tint" color={s.published ? "success" : "informative"}>
              {s.published ? t("series.summary.published") : t("series.summary.draft")}
            </Badge>{" "}
            {s.published && s.publishedAt
              ? t("series.summary.publishedAt", { at: formatDateTime(s.publishedAt, i18n.language) })
              : t("series.summary.compiledAt", { at: formatDateTime(s.compiledAt, i18n.language) })}
          </p>
          <div className={styles.actions} role="group" aria-label={t("series.summary.downloads")}>
            {FORMATS.map((ext) => (
              <Button key={ext} disabledFocusable={busy} onClick={() => get(ext)}>
                {t(`series.summary.download.${ext}`)}
              </Button>
            ))}
          </div>
          {error && <ErrorState message={error} />}
          {s.themes.length > 0 && (
            <>
              <h3>{t("series.summary.themes")}</h3>
              <ul>
                {s.themes.map((th) => (
                  <li key={th.theme}>
                    {t("series.summary.themeCount", { theme: th.theme, n: n(th.count) })}
                  </li>
                ))}
              </ul>
            </>
          )}
          {s.organisations.length > 0 && (
            <>
              <h3>{t("series.summary.organisations")}</h3>
              <p>{s.organisations.join(", ")}</p>
            </>
          )}
          {s.analysis && (
            <>
              <h3>{t("series.summary.analysis")}</h3>
              <p className={styles.analysis}>{s.analysis}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
