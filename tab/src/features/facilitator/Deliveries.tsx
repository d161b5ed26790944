import type { DeliveriesView } from "@dialogi/contracts";
import { DELIVERY_LABELS } from "@dialogi/contracts";
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../platform/lib/useAsync";
import { getDeliveries, retryDeliveries } from "./api";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  list: { paddingInlineStart: tokens.spacingHorizontalL },
});

/**
 * What the app sent on its own for the dialogue (group cards, reminders, notices, mail) and who
 * did not get it after every retry, with "send again" per person and for all. Nothing the app
 * failed to deliver is hidden from the people running the dialogue.
 */
export function Deliveries({ dialogueId }: { dialogueId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [view, setView] = useState<DeliveriesView>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await getDeliveries(dialogueId));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [dialogueId]);
  useEffect(() => {
    void load();
  }, [load]);

  const again = async (ids?: string[]) => {
    setBusy(true);
    setNotice(undefined);
    try {
      const { requeued } = await retryDeliveries(dialogueId, ids);
      setNotice(t("panel.deliveries.requeued", { count: requeued }));
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const label = (l: string) =>
    (DELIVERY_LABELS as readonly string[]).includes(l)
      ? t(`panel.deliveries.labels.${l}`)
      : t("panel.deliveries.labels.message");

  return (
    <section aria-labelledby="panel-deliveries">
      <h3 id="panel-deliveries">{t("panel.deliveries.title")}</h3>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {view && (
        <>
          <p>
            {t("panel.deliveries.counts", {
              sent: view.sent,
              pending: view.pending,
              failed: view.failed.length,
            })}
          </p>
          {view.failed.length > 0 && (
            <>
              <MessageBar intent="warning">
                <MessageBarBody>
                  {t("panel.deliveries.notDelivered", { count: view.failed.length })}
                </MessageBarBody>
              </MessageBar>
              <ul className={styles.list}>
                {view.failed.map((f) => (
                  <li key={f.id} className={styles.row}>
                    <span>
                      {f.name || t("panel.deliveries.meetingBatch")} — {label(f.label)}
                      {f.reason === "UnreachableError" ? ` (${t("panel.deliveries.noChat")})` : ""}
                    </span>
                    <Button size="small" disabled={busy} onClick={() => void again([f.id])}>
                      {t("panel.deliveries.sendAgain")}
                    </Button>
                  </li>
                ))}
              </ul>
              <Button appearance="primary" disabled={busy} onClick={() => void again()}>
                {t("panel.deliveries.sendAllAgain")}
              </Button>
            </>
          )}
          <div className={styles.row}>
            <Button appearance="subtle" disabled={busy} onClick={() => void load()}>
              {t("panel.deliveries.refresh")}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
