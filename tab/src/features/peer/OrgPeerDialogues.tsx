import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";
import { getOrgDialogues } from "./api";

const useStyles = makeStyles({
  list: { paddingLeft: tokens.spacingHorizontalL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/**
 * The peer dialogues an organisation took part in (for its directory page); nothing when none.
 * Imported statically (it is small): lazy-loading it inside the page disturbed focus handling.
 */
export function OrgPeerDialogues({ orgId }: { orgId: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const data = useAsync((signal) => getOrgDialogues(orgId, signal), orgId);
  const items = data.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="org-peer-dialogues">
      <h2 id="org-peer-dialogues">{t("peer.orgDialogues")}</h2>
      <ul className={styles.list}>
        {items.map((i) => (
          <li key={i.dialogueId}>
            <a href={`#/calendar?dialogue=${encodeURIComponent(i.dialogueId)}`}>{i.theme}</a>{" "}
            <span className={styles.meta}>
              · {formatDateTime(i.start, i18n.language)} · {t(`peer.state.${i.state}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
