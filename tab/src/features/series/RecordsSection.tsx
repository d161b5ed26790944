import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../platform/components/Status";
import { formatDate, formatDateTime, formatNumber } from "../../platform/lib/format";
import { errorMessage } from "../../platform/lib/useAsync";
import type { DashboardRow } from "@dialogi/contracts";
import { remind } from "./api";
import { newRequestId } from "./request-id";

const useStyles = makeStyles({
  columns: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(20rem, 1fr))",
    gap: tokens.spacingHorizontalXL,
  },
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalS },
  row: {
    display: "flex",
    flexWrap: "wrap",
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    alignItems: "center",
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { fontWeight: tokens.fontWeightSemibold, flexBasis: "100%" },
  meta: { color: tokens.colorNeutralForeground2, flexGrow: 1 },
  result: {
    margin: `${tokens.spacingVerticalS} 0`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: "4px solid",
  },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderLeftColor: tokens.colorPaletteGreenBorder2,
    color: tokens.colorNeutralForeground1,
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeftColor: tokens.colorPaletteRedBorder2,
    color: tokens.colorNeutralForeground1,
  },
});

type Result = { kind: "success" | "error"; text: string };

/** Records received and missing; a one-click reminder per missing record (and one for all). */
export function RecordsSection({
  seriesId,
  rows,
  onReminded,
}: {
  seriesId: string;
  rows: DashboardRow[];
  onReminded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [busy, setBusy] = useState<string>();
  const [result, setResult] = useState<Result>();
  const received = rows.filter((r) => r.records > 0);
  const missing = rows.filter((r) => r.records === 0);
  const name = (r: DashboardRow) => (r.title ? `${r.organisation}: ${r.title}` : r.organisation);
  const n = (v: number) => formatNumber(v, i18n.language);

  // The id of each button's click not yet answered with success: trying again after a failure
  // reuses it, so a request that did reach the server reminds nobody twice.
  const pending = useRef(new Map<string, string>());

  const send = async (key: string, ids: string[] | undefined, label?: string) => {
    setBusy(key);
    setResult(undefined);
    const requestId = pending.current.get(key) ?? newRequestId();
    pending.current.set(key, requestId);
    try {
      const r = await remind(seriesId, ids, requestId);
      pending.current.delete(key);
      let text: string;
      if (r.reminded.length === 0) text = t("series.records.remindNone");
      else if (label)
        text =
          r.sent > 0
            ? t("series.records.remindSent", { name: label })
            : t("series.records.remindRecorded", { name: label });
      else text = t("series.records.remindAllDone", { sent: n(r.sent), skipped: n(r.skipped) });
      setResult({ kind: "success", text });
      onReminded();
    } catch (err) {
      setResult({ kind: "error", text: t("series.records.remindFailed", { message: errorMessage(err) }) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-labelledby="series-records">
      <h2 id="series-records">{t("series.records.title")}</h2>
      <div className={styles.columns}>
        <div>
          <h3 id="series-records-missing">{t("series.records.missing", { n: n(missing.length) })}</h3>
          {missing.length > 1 && (
            <Button
              appearance="primary"
              disabledFocusable={busy !== undefined}
              onClick={() => send("all", undefined)}
            >
              {t("series.records.remindAll")}
            </Button>
          )}
          <div role="status" aria-live="polite" aria-atomic="true" id="series-remind-result">
            {result && (
              <p className={`${styles.result} ${result.kind === "success" ? styles.success : styles.error}`}>
                {result.text}
              </p>
            )}
          </div>
          {missing.length === 0 ? (
            <Empty>{t("series.records.noneMissing")}</Empty>
          ) : (
            <ul className={styles.list} aria-labelledby="series-records-missing">
              {missing.map((r) => (
                <li key={r.id} className={styles.row}>
                  <span className={styles.name}>{name(r)}</span>
                  <span className={styles.meta}>
                    {formatDate(r.date, i18n.language)} ·{" "}
                    {r.remindedAt
                      ? t("series.records.reminded", {
                          n: n(r.reminderCount),
                          at: formatDateTime(r.remindedAt, i18n.language),
                        })
                      : t("series.records.notReminded")}
                  </span>
                  <Button
                    size="small"
                    disabledFocusable={busy !== undefined}
                    onClick={() => send(r.id, [r.id], name(r))}
                    aria-label={t("series.records.remindNamed", { name: name(r) })}
                  >
                    {t("series.records.remind")}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 id="series-records-received">{t("series.records.received", { n: n(received.length) })}</h3>
          {received.length === 0 ? (
            <Empty>{t("series.records.noneReceived")}</Empty>
          ) : (
            <ul className={styles.list} aria-labelledby="series-records-received">
              {received.map((r) => (
                <li key={r.id} className={styles.row}>
                  <span className={styles.name}>{name(r)}</span>
                  <span className={styles.meta}>
                    {t("series.records.receivedLine", {
                      records: n(r.records),
                      onSite: n(r.participantsOnSite),
                      remote: n(r.participantsRemote),
                      at: formatDateTime(r.lastRecordAt, i18n.language),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
