import type { EntryFields, ModerationItem } from "@dialogi/contracts";
import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";

const useStyles = makeStyles({
  table: { borderCollapse: "collapse", width: "100%", marginTop: tokens.spacingVerticalS },
  cell: {
    textAlign: "start",
    verticalAlign: "top",
    padding: tokens.spacingHorizontalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "pre-line",
    overflowWrap: "anywhere",
  },
  old: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground2 },
});

/** The label of a changed field (the editor's labels; time is shown as its free text). */
const labelKey = (f: keyof EntryFields) =>
  f === "time"
    ? "form.timeText"
    : f === "dialogueId" || f === "method" || f === "participationLevel"
      ? f
      : `form.${f}`;

/** An edit of a published entry as a table: field, published value, proposed value. */
export function ChangesTable({ item }: { item: ModerationItem }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const show = (f: keyof EntryFields, v: unknown): string => {
    if (v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0))
      return t("moderation.emptyValue");
    if (f === "section") return t(`sections.${String(v)}`);
    if (f === "areas") return (v as string[]).map((a) => t(`areas.${a}`)).join(", ");
    if (f === "time") return (v as { text?: string }).text || t("moderation.emptyValue");
    if (Array.isArray(v)) return v.join(", ");
    return String(v);
  };
  return (
    <table className={styles.table}>
      <caption className="visually-hidden">{t("moderation.changes", { title: item.title })}</caption>
      <thead>
        <tr>
          <th scope="col" className={styles.cell}>
            {t("moderation.field")}
          </th>
          <th scope="col" className={styles.cell}>
            {t("moderation.published")}
          </th>
          <th scope="col" className={styles.cell}>
            {t("moderation.proposed")}
          </th>
        </tr>
      </thead>
      <tbody>
        {item.changes.map((c) => (
          <tr key={c.field}>
            <th scope="row" className={styles.cell}>
              {t(labelKey(c.field), { defaultValue: c.field })}
            </th>
            <td className={`${styles.cell} ${styles.old}`}>{show(c.field, c.before)}</td>
            <td className={styles.cell}>{show(c.field, c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
