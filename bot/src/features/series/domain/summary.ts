import type { Masker } from "./anonymise";
import { organisationKey, seriesStatistics, type SeriesStatistics } from "./statistics";
import { aggregateThemes, type ThemeSummary } from "./themes";
import type { Series, SeriesDialogue, SeriesRecord } from "./types";

/**
 * The series summary for the people who use it. It names organising organisations only —
 * never participants, never the organisers' persons — and all free text is anonymised.
 */
export interface SeriesSummary {
  seriesId: string;
  theme: string;
  question: string;
  periodStart: string;
  periodEnd: string;
  statistics: SeriesStatistics;
  themes: ThemeSummary[];
  /** Organisations that held a reported dialogue, alphabetically. */
  organisations: string[];
  /** Dialogues organised by individuals (counted, never named). */
  individualOrganisers: number;
  /** Groups whose voice is seldom heard that dialogues reached (anonymised phrases, with counts). */
  seldomHeardGroups: { text: string; count: number }[];
  /** The coordinators' own analysis. */
  analysis: string;
  compiledAt: Date;
  publishedAt?: Date;
  /** Increments on every compile; the REST API exposes it as the ETag. */
  version: number;
}

/** Inputs of {@link compileSummary}. */
export interface CompileInput {
  series: Series;
  dialogues: readonly SeriesDialogue[];
  records: readonly SeriesRecord[];
  analysis: string;
  /** Names of regular organisers that are individuals, so they are counted rather than listed. */
  individualNames: readonly string[];
  mask: Masker;
  now: Date;
  previousVersion?: number;
}

/** Compiles the summary from stored rows (pure; no I/O). */
export function compileSummary(input: CompileInput): SeriesSummary {
  const { series, dialogues, records, mask } = input;
  const reported = new Set(records.map((r) => r.seriesDialogueId));
  const individuals = new Set(input.individualNames.map(organisationKey));
  const organisations = new Map<string, string>();
  let individualOrganisers = 0;
  for (const d of dialogues) {
    if (!reported.has(d.id)) continue;
    const key = organisationKey(d.organisation);
    // An organiser who gives their own name as the organisation is an individual, not listed.
    if (individuals.has(key) || key === organisationKey(d.owner.name)) individualOrganisers++;
    else if (!organisations.has(key)) organisations.set(key, d.organisation);
  }
  const groups = new Map<string, { text: string; count: number }>();
  for (const r of records) {
    if (!r.reachedSeldomHeard || !r.seldomHeardGroups) continue;
    const text = mask(r.seldomHeardGroups);
    const key = organisationKey(text);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { text, count: 1 });
  }
  return {
    seriesId: series.id,
    theme: series.theme,
    question: series.question,
    periodStart: series.periodStart,
    periodEnd: series.periodEnd,
    statistics: seriesStatistics(dialogues, records),
    themes: aggregateThemes(records, mask),
    organisations: [...organisations.values()].sort((a, b) => a.localeCompare(b, "fi")),
    individualOrganisers,
    seldomHeardGroups: [...groups.values()].sort((a, b) => b.count - a.count).slice(0, 50),
    analysis: mask(input.analysis),
    compiledAt: input.now,
    version: (input.previousVersion ?? 0) + 1,
  };
}
