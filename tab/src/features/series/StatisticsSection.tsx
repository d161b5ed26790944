import { makeStyles, tokens } from "@fluentui/react-components";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../platform/lib/format";
import type { Count, SeriesStatistics } from "@dialogi/contracts";

const useStyles = makeStyles({
  figures: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(11rem, 1fr))",
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  figure: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  counts: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(14rem, 1fr))",
    gap: tokens.spacingHorizontalL,
  },
  h3: {
    fontSize: tokens.fontSizeBase300,
    margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}`,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Live statistics of a series: headline figures and counts by language, region and mode. */
export function StatisticsSection({ statistics: s }: { statistics: SeriesStatistics }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const n = (v: number) => formatNumber(v, i18n.language);
  const figures: [string, number][] = [
    ["registeredDialogues", s.registeredDialogues],
    ["dialogues", s.dialogues],
    ["recordsMissing", s.recordsMissing],
    ["participants", s.participants],
    ["participantsOnSite", s.participantsOnSite],
    ["participantsRemote", s.participantsRemote],
    ["organisers", s.organisers],
    ["expectedParticipants", s.expectedParticipants],
    ["reachedSeldomHeard", s.reachedSeldomHeard],
  ];
  const counts = (id: string, items: Count[], label: (key: string) => string) => (
    <div>
      <h3 className={styles.h3} id={`series-stats-${id}`}>
        {t(`series.stats.${id}`)}
      </h3>
      {items.length === 0 ? (
        <p>{t("series.stats.none")}</p>
      ) : (
        <ul className={styles.list} aria-labelledby={`series-stats-${id}`}>
          {items.map((c) => (
            <li key={c.key}>
              {label(c.key)}: {n(c.count)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
  return (
    <section aria-labelledby="series-stats">
      <h2 id="series-stats">{t("series.stats.title")}</h2>
      <dl className={styles.figures}>
        {figures.map(([key, value]) => (
          <div key={key} className={styles.figure} data-stat={key}>
            <dt className={styles.term}>{t(`series.stats.${key}`)}</dt>
            <dd className={styles.value}>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.counts}>
        {counts("languages", s.languages, (k) => t(`series.languages.${k}`, { defaultValue: k }))}
        {counts("regions", s.regions, (k) => t(`series.regions.${k}`, { defaultValue: k }))}
        {counts("modes", s.modes, (k) => t(`series.modes.${k}`, { defaultValue: k }))}
      </div>
    </section>
  );
}
