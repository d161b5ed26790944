import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { loadOrganisations } from "../../platform/api/organisations";
import { OrgOptions } from "../../platform/components/OrgOptions";
import { formatDateTime, sortByOrgName } from "../../platform/lib/format";
import { errorMessage, useAsync } from "../../platform/lib/useAsync";
import { listAccessRequests, requestAccess } from "./api";

const useStyles = makeStyles({
  box: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    maxWidth: "40rem",
    margin: `${tokens.spacingVerticalM} 0`,
  },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "end" },
  select: { minWidth: "min(16rem, 100%)" },
});

/**
 * "You have no rights here": a Request access button (with an organisation choice when none is
 * given). The request waits in the coordinators' queue (#/admin); the bot tells the requester
 * the decision. An open request is shown instead of the button.
 */
export function RequestAccess({ orgId }: { orgId?: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const mine = useAsync((signal) => listAccessRequests(signal), "mine");
  const orgs = useAsync(() => loadOrganisations(), orgId ? null : "orgs");
  const [chosen, setChosen] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [sent, setSent] = useState<string>();
  const target = orgId ?? chosen;
  const open = (mine.data?.items ?? []).find((r) => r.orgId === target);

  const send = async () => {
    if (!target) return setError(t("access.chooseOrg"));
    setBusy(true);
    setError("");
    try {
      await requestAccess(target);
      setSent(target);
      mine.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.box}>
      <MessageBar intent="info">
        <MessageBarBody>{t("access.noRights")}</MessageBarBody>
      </MessageBar>
      {!orgId && (
        <Field label={t("access.org")} validationMessage={error || undefined}>
          <Select className={styles.select} value={chosen} onChange={(_, d) => setChosen(d.value)}>
            <option value="">{t("access.chooseOrg")}</option>
            <OrgOptions orgs={sortByOrgName(orgs.data ?? [], i18n.language)} lang={i18n.language} />
          </Select>
        </Field>
      )}
      <div role="status">
        {(sent === target || open) && target ? (
          <MessageBar intent="success">
            <MessageBarBody>
              {t("access.waiting", {
                at: formatDateTime(open?.createdAt ?? new Date().toISOString(), i18n.language),
              })}
            </MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {!(sent === target || open) && (
        <div className={styles.row}>
          <Button appearance="primary" disabled={busy} onClick={send}>
            {t("access.request")}
          </Button>
        </div>
      )}
      {error && orgId && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
