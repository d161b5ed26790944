import { Button, MessageBar, MessageBarBody } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccessRequest, OrganisationView } from "@dialogi/contracts";
import { invalidateDirectory } from "../../platform/api/organisations";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDateTime, orgName } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { decideAccess, listAccessRequests } from "./api";
import { useAdminStyles } from "./adminStyles";

/** The queue of access requests: one click approves (grants the rights) or declines; the bot tells the requester. */
export function RequestQueue({
  orgs,
  onChange,
}: {
  orgs: Map<string, OrganisationView>;
  onChange: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useAdminStyles();
  const queue = useAsync((signal) => listAccessRequests(signal), "requests");
  const [busy, setBusy] = useState<string>();
  const [announce, setAnnounce] = useState<{ text: string; intent: "success" | "error" }>();

  const decide = async (r: AccessRequest, decision: "approve" | "decline") => {
    setBusy(r.id);
    try {
      const result = await decideAccess(r.id, decision);
      invalidateDirectory();
      const key = `${decision === "approve" ? "approved" : "declined"}${result.notified ? "Notified" : "NotNotified"}`;
      setAnnounce({ text: t(`admin.requests.${key}`, { name: r.name }), intent: "success" });
      queue.reload();
      onChange();
    } catch (err) {
      setAnnounce({ text: errorMessage(err), intent: "error" });
    } finally {
      setBusy(undefined);
    }
  };

  const items = queue.data?.items ?? [];
  return (
    <section className={styles.section} aria-labelledby="admin-requests">
      <h2 id="admin-requests">{t("admin.requests.title")}</h2>
      <div role="status">
        {announce && (
          <MessageBar intent={announce.intent}>
            <MessageBarBody>{announce.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {queue.status === "loading" && !queue.data && <Loading label={t("status.loading")} />}
      {queue.status === "error" && <ErrorState message={queue.error} onRetry={queue.reload} />}
      {queue.status === "ready" && items.length === 0 && <Empty>{t("admin.requests.empty")}</Empty>}
      {items.length > 0 && (
        <ul className={styles.list}>
          {items.map((r) => {
            const org = orgs.get(r.orgId);
            const orgLabel = org ? orgName(org.names, i18n.language) : r.orgId;
            return (
              <li key={r.id} className={styles.card}>
                <h3 className={styles.h3}>{t("admin.requests.item", { name: r.name, org: orgLabel })}</h3>
                <p className={styles.meta}>
                  {[r.email, formatDateTime(r.createdAt, i18n.language)].filter(Boolean).join(" · ")}
                </p>
                {r.note && <p>{r.note}</p>}
                {!r.reachable && (
                  <MessageBar intent="warning">
                    <MessageBarBody>{t("admin.requests.unreachable")}</MessageBarBody>
                  </MessageBar>
                )}
                <div className={styles.row}>
                  <Button
                    appearance="primary"
                    disabled={busy === r.id}
                    onClick={() => decide(r, "approve")}
                    aria-label={t("admin.requests.approveNamed", { name: r.name, org: orgLabel })}
                  >
                    {t("admin.requests.approve")}
                  </Button>
                  <Button
                    disabled={busy === r.id}
                    onClick={() => decide(r, "decline")}
                    aria-label={t("admin.requests.declineNamed", { name: r.name, org: orgLabel })}
                  >
                    {t("admin.requests.decline")}
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
