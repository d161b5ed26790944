import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../platform/components/Status";
import { useAsync } from "../../platform/lib/useAsync";
import { useTitle } from "../../platform/lib/useTitle";
import { listSeries } from "./api";
import { OwnDialogues } from "./OwnDialogues";
import { SeriesDashboard } from "./SeriesDashboard";
import { SeriesList } from "./SeriesList";

/**
 * `#/series` and `#/series/<id>`: national dialogue series. Coordinators get the list and each
 * series' dashboard (statistics, registered dialogues, records and reminders, exports, summary);
 * everyone else sees that the dashboards are for coordinators, and the dialogues they organise.
 * Lazy-loaded.
 */
export default function SeriesView({ id }: { id?: string }) {
  const { t } = useTranslation();
  useTitle(t("series.title"));
  const list = useAsync((signal) => listSeries(signal), "series");

  if (list.status === "error")
    return (
      <>
        <h1>{t("series.title")}</h1>
        <ErrorState message={list.error} onRetry={list.reload} />
      </>
    );
  if (!list.data)
    return (
      <>
        <h1>{t("series.title")}</h1>
        <Loading label={t("status.loading")} />
      </>
    );
  if (!list.data.coordinator) {
    const items = id ? list.data.items.filter((s) => s.id === id) : list.data.items;
    return (
      <>
        <h1>{t("series.title")}</h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t("series.onlyCoordinators")}</MessageBarBody>
        </MessageBar>
        <OwnDialogues series={items} />
      </>
    );
  }
  if (id) return <SeriesDashboard id={id} />;
  return <SeriesList items={list.data.items} />;
}
