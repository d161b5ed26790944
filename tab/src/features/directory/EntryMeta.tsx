import { Badge, makeStyles, tokens, type BadgeProps } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import type { Entry } from "@dialogi/contracts";
import { formatDate } from "../../platform/lib/format";

const useStyles = makeStyles({
  dl: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalS} 0 0`,
    fontSize: tokens.fontSizeBase200,
  },
  dt: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0 },
  group: { display: "contents" },
  tags: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalXS,
    listStyle: "none",
    margin: 0,
    padding: 0,
  },
  tagLink: { textDecoration: "none", borderRadius: tokens.borderRadiusMedium },
});

/** When: the text as written, else the parsed dates or year. */
export function timeLabel(entry: Entry, lang: string): string {
  const { text, start, end, year } = entry.time ?? { text: "" };
  if (text) return text;
  if (start && end && start !== end) return `${formatDate(start, lang)} – ${formatDate(end, lang)}`;
  if (start) return formatDate(start, lang);
  return year ? String(year) : "";
}

/** The details of an entry as a description list (only the fields that have values). */
export function EntryMeta({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const rows: Array<[string, React.ReactNode]> = [];
  const when = timeLabel(entry, i18n.language);
  // An upcoming entry whose time has passed (server: contracts upcomingHasPassed) is flagged.
  const stale = entry.needsUpdate && (
    <Badge appearance="tint" color="warning">
      {t("entry.needsUpdate")}
    </Badge>
  );
  if (when || stale)
    rows.push([
      t("entry.time"),
      <>
        {when} {stale}
      </>,
    ]);
  if (entry.listedAt)
    rows.push([t("entry.listedAt"), t("entry.listed", { date: formatDate(entry.listedAt, i18n.language) })]);
  if (entry.places?.length) rows.push([t("entry.places"), entry.places.join(", ")]);
  if (entry.partners?.length) rows.push([t("entry.partners"), entry.partners.join(", ")]);
  if (entry.eventCount !== undefined) rows.push([t("entry.eventCount"), entry.eventCount]);
  // Tags are links: a theme filters the directory by that theme, a work area by that area.
  const tags = (
    items: string[],
    badge: Pick<BadgeProps, "appearance" | "color">,
    href: (x: string) => string,
    label = (x: string) => x,
    named = (x: string) => x,
  ) => (
    <ul className={styles.tags}>
      {items.map((x) => (
        <li key={x}>
          <a className={styles.tagLink} href={href(x)} aria-label={named(x)}>
            <Badge {...badge} shape="rounded">
              {label(x)}
            </Badge>
          </a>
        </li>
      ))}
    </ul>
  );
  if (entry.themes?.length)
    rows.push([
      t("entry.themes"),
      tags(
        entry.themes,
        { appearance: "tint", color: "brand" },
        (x) => `#/directory?tag=${encodeURIComponent(x)}`,
        undefined,
        (x) => t("entry.filterByTheme", { theme: x }),
      ),
    ]);
  if (entry.areas?.length)
    rows.push([
      t("entry.areas"),
      tags(
        entry.areas,
        { appearance: "outline", color: "informative" },
        (a) => `#/directory?area=${encodeURIComponent(a)}`,
        (a) => t(`areas.${a}`),
        (a) => t("entry.filterByArea", { area: t(`areas.${a}`) }),
      ),
    ]);
  // Most entries are Finnish; the language is worth a line only when it is another one.
  if (entry.language && entry.language !== "fi")
    rows.push([t("entry.language"), t(`languages.${entry.language}`, { defaultValue: entry.language })]);
  if (entry.link)
    rows.push([
      t("entry.link"),
      <a href={entry.link} target="_blank" rel="noopener noreferrer">
        {entry.link}
        <span className="visually-hidden"> {t("actions.opensNewWindow")}</span>
      </a>,
    ]);
  if (rows.length === 0) return null;
  return (
    <dl className={styles.dl}>
      {rows.map(([label, value]) => (
        <div key={label} className={styles.group}>
          <dt className={styles.dt}>{label}</dt>
          <dd className={styles.dd}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
