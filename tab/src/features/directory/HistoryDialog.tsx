import { LISTING_ENTRY_FIELDS } from "@dialogi/contracts";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { entryHistory } from "./api";
import type { Entry, HistoryItem } from "@dialogi/contracts";
import { Empty, ErrorState, Loading } from "../../platform/components/Status";
import { formatDateTime } from "../../platform/lib/format";
import { useAsync } from "../../platform/lib/useAsync";

const useStyles = makeStyles({
  list: { listStyle: "none", padding: 0, margin: 0, display: "grid", gap: tokens.spacingVerticalM },
  item: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  when: { fontWeight: tokens.fontWeightSemibold },
  changed: {
    margin: `${tokens.spacingVerticalXXS} 0 0`,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const FIELD_KEYS = [...LISTING_ENTRY_FIELDS, "link", "status"] as const;

function changedFields(item: HistoryItem): string[] {
  const before = (item.before ?? {}) as Record<string, unknown>;
  const after = (item.after ?? {}) as Record<string, unknown>;
  if (!item.before || !item.after) return [];
  return FIELD_KEYS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/**
 * The change history of one entry (newest first), in a modal dialog. The parent keeps it
 * mounted and toggles `open` (unmounting an open Fluent dialog leaves the page aria-hidden).
 */
export default function HistoryDialog({
  entry,
  open,
  onClose,
}: {
  entry: Entry;
  open: boolean;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const history = useAsync(() => entryHistory(entry.orgId, entry.id), `${entry.orgId}/${entry.id}`);
  const items = [...(history.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  /** A field's value as one short line (long texts cut; empty says so). */
  const show = (f: string, v: unknown): string => {
    let s: string;
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))
      return t("history.empty_value");
    if (f === "section" || f === "status") s = t(`${f === "section" ? "sections" : "status"}.${String(v)}`);
    else if (f === "areas" && Array.isArray(v)) s = v.map((a) => t(`areas.${a}`)).join(", ");
    else if (f === "time") s = (v as { text?: string }).text ?? "";
    else if (Array.isArray(v)) s = v.join(", ");
    else s = String(v);
    return s.length > 160 ? `${s.slice(0, 157)}…` : s;
  };
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t("history.title", { title: entry.title })}</DialogTitle>
          <DialogContent>
            {history.status === "loading" && <Loading label={t("status.loading")} />}
            {history.status === "error" && <ErrorState message={history.error} onRetry={history.reload} />}
            {history.status === "ready" && items.length === 0 && <Empty>{t("history.empty")}</Empty>}
            {items.length > 0 && (
              <ol className={styles.list}>
                {items.map((item, i) => {
                  const fields = changedFields(item);
                  return (
                    <li key={`${item.at}-${i}`} className={styles.item}>
                      <span className={styles.when}>{formatDateTime(item.at, i18n.language)}</span>
                      {" · "}
                      {t(`history.actions.${item.action}`, { defaultValue: item.action })}
                      {item.by ? ` · ${item.by}` : ""}
                      {fields.length > 0 && (
                        <ul className={styles.changes} aria-label={t("history.changedList")}>
                          {fields.map((f) => (
                            <li key={f} className={styles.changed}>
                              {t("history.change", {
                                field: t(`fields.${f}`),
                                before: show(f, (item.before as Record<string, unknown>)[f]),
                                after: show(f, (item.after as Record<string, unknown>)[f]),
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onClose}>
              {t("actions.close")}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
