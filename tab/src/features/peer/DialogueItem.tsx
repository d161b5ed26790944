import { Badge, Button, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../platform/components/Status";
import { timeRange } from "./time";
import { orgName, orgNameLang } from "../../platform/lib/format";
import { errorMessage } from "../../platform/lib/useAsync";
import type { CalendarItem } from "@dialogi/contracts";
import { getSummary } from "./api";

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  focused: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "2px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400 },
  meta: { margin: `${tokens.spacingVerticalXS} 0`, color: tokens.colorNeutralForeground2 },
  summary: {
    whiteSpace: "pre-wrap",
    fontFamily: "inherit",
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: "24rem",
    overflow: "auto",
  },
});

/** One peer dialogue: when, who, method and level; the summary opens in place once it ended. */
export function DialogueItem({ item, focused }: { item: CalendarItem; focused?: boolean }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [summary, setSummary] = useState<string>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState("");
  const toggle = async () => {
    if (open) return setOpen(false);
    setError("");
    try {
      if (summary === undefined && item.summaryUrl) setSummary((await getSummary(item.summaryUrl)).markdown);
      setOpen(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const id = `pd-${item.dialogueId}`;
  return (
    <article className={`${styles.card} ${focused ? styles.focused : ""}`} aria-labelledby={id}>
      <h3 className={styles.title} id={id}>
        {item.theme}
      </h3>
      {/* A div, not a p: Fluent's Badge renders a div, which a paragraph cannot contain. */}
      <div className={styles.meta}>
        <a href={`#/calendar?dialogue=${encodeURIComponent(item.dialogueId)}`}>
          {timeRange(item, i18n.language)}
        </a>{" "}
        ·{" "}
        <Badge appearance="tint" color={item.state === "ended" ? "informative" : "brand"}>
          {t(`peer.state.${item.state}`)}
        </Badge>
      </div>
      <p className={styles.meta}>
        {t("peer.with")}:{" "}
        {item.organisations.map((o, i) => {
          // The directory's name in the UI language; the Finnish one (marked as such) when it has none.
          const names = o.names ?? { fi: o.name };
          const lang = orgNameLang(names, i18n.language);
          return (
            <span key={o.orgId}>
              {i > 0 && ", "}
              <span lang={lang === i18n.language ? undefined : lang}>{orgName(names, i18n.language)}</span>
            </span>
          );
        })}
      </p>
      <p className={styles.meta}>
        {t("peer.method")}: {t(`peer.methods.${item.method}`, { defaultValue: item.method })} ·{" "}
        {t("peer.level")}: {t(`peer.levels.${item.level}`, { defaultValue: item.level })}
      </p>
      {item.upcoming && item.state === "scheduled" && (
        <p className={styles.meta}>{t("peer.howToRegister")}</p>
      )}
      {item.summaryUrl && (
        <Button size="small" onClick={toggle} aria-expanded={open} aria-controls={`${id}-summary`}>
          {open ? t("peer.hideSummary") : t("peer.showSummary")}
        </Button>
      )}
      {open && summary !== undefined && (
        <pre
          className={styles.summary}
          id={`${id}-summary`}
          aria-label={t("peer.summaryOf", { theme: item.theme })}
        >
          {summary}
        </pre>
      )}
      {error && <ErrorState message={error} />}
    </article>
  );
}
