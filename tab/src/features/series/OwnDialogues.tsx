import { useTranslation } from "react-i18next";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDate } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import type { Series, SeriesDialogueItem } from "@dialogi/contracts";
import { listDialogues } from "./api";
import { SeriesDates, useCardStyles } from "./SeriesList";

/** Organisers (not coordinators): the dialogues they registered under each series, with record status. */
export function OwnDialogues({ series }: { series: Series[] }) {
  const { t, i18n } = useTranslation();
  const styles = useCardStyles();
  const own = useAsync(
    async (signal) => {
      const lists = await Promise.all(series.map((s) => listDialogues(s.id, signal)));
      return series.map((s, i) => ({ series: s, items: lists[i]!.items })).filter((x) => x.items.length > 0);
    },
    series.map((s) => s.id).join("|"),
  );
  const title = (d: SeriesDialogueItem) => d.title || d.organisation;

  return (
    <section aria-labelledby="own-series-dialogues">
      <h2 id="own-series-dialogues">{t("series.own.title")}</h2>
      {own.status === "loading" && <Loading label={t("status.loading")} />}
      {own.status === "error" && <ErrorState message={own.error} onRetry={own.reload} />}
      {own.status === "ready" && own.data.length === 0 && <Empty>{t("series.own.empty")}</Empty>}
      {own.status === "ready" && own.data.length > 0 && (
        <ul className={styles.list}>
          {own.data.map(({ series: s, items }) => (
            <li key={s.id} className={styles.card}>
              <h3 className={styles.title}>{s.theme}</h3>
              <SeriesDates series={s} className={styles.meta} />
              <ul>
                {items.map((d) => (
                  <li key={d.id}>
                    {title(d)}, {formatDate(d.date, i18n.language)} —{" "}
                    {d.records > 0
                      ? t("series.own.recordsReceived", { n: d.records })
                      : t("series.own.recordsMissing")}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
