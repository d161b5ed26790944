import type { CalendarItem } from "@dialogi/contracts";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { useAsync } from "../../platform/lib/useAsync";
import { getOrgDialogues } from "./api";
import { timeRange } from "./time";

const useStyles = makeStyles({
  list: { paddingLeft: tokens.spacingHorizontalL },
  meta: { color: tokens.colorNeutralForeground2 },
});

/** The peer dialogues an organisation takes part in (for its directory page). */
export function useOrgPeerDialogues(orgId: string): CalendarItem[] {
  const data = useAsync((signal) => getOrgDialogues(orgId, signal), orgId);
  return data.data?.items ?? [];
}

/** Links to peer dialogues in the calendar, with when they run and their state. */
function PeerDialogueList({ items, label }: { items: CalendarItem[]; label?: string }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {items.map((i) => (
        <li key={i.dialogueId}>
          <a href={`#/calendar?dialogue=${encodeURIComponent(i.dialogueId)}`}>{i.theme}</a>{" "}
          <span className={styles.meta}>
            · {timeRange(i, i18n.language)} · {t("peer.kind")} · {t(`peer.state.${i.state}`)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Scheduled peer dialogues for the organisation's "Tulossa" section: the directory and the
 * calendar show the same upcoming dialogue, linked to its calendar entry.
 */
export function UpcomingPeerDialogues({ items }: { items: CalendarItem[] }) {
  const { t } = useTranslation();
  const upcoming = items.filter((i) => i.upcoming);
  if (upcoming.length === 0) return null;
  return <PeerDialogueList items={upcoming} label={t("peer.upcomingForOrg")} />;
}

/**
 * The past peer dialogues an organisation took part in; nothing when none. Imported statically
 * (it is small): lazy-loading it inside the page disturbed focus handling.
 */
export function OrgPeerDialogues({ items }: { items: CalendarItem[] }) {
  const { t } = useTranslation();
  const past = items.filter((i) => !i.upcoming);
  if (past.length === 0) return null;
  return (
    <section aria-labelledby="org-peer-dialogues">
      <h2 id="org-peer-dialogues">{t("peer.orgDialogues")}</h2>
      <PeerDialogueList items={past} />
    </section>
  );
}
