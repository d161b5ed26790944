import type { SeriesDialogue, SeriesRecord } from "./types";

/** A value and how many times it occurs, most frequent first. */
export interface Count {
  key: string;
  count: number;
}

/** Live figures of a series (dashboard) and the headline of its summary. */
export interface SeriesStatistics {
  registeredDialogues: number;
  /** Dialogues with at least one record (held and reported). */
  dialogues: number;
  recordsMissing: number;
  participants: number;
  participantsOnSite: number;
  participantsRemote: number;
  /** Distinct organising organisations among dialogues with records. */
  organisers: number;
  /** Expected participants of every registered dialogue. */
  expectedParticipants: number;
  /** Dialogues reported in each language (a dialogue in two languages counts in both). */
  languages: Count[];
  /** Registered dialogues per region. */
  regions: Count[];
  modes: Count[];
  /** Dialogues that reached groups whose voice is seldom heard. */
  reachedSeldomHeard: number;
}

/** Case- and space-insensitive key of an organisation name, so "Kela" and " KELA" count once. */
export function organisationKey(name: string): string {
  return name.normalize("NFKC").toLocaleLowerCase("fi").replace(/\s+/g, " ").trim();
}

function counts(values: Iterable<string>): Count[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Groups records by their series dialogue. */
export function recordsByDialogue(records: readonly SeriesRecord[]): Map<string, SeriesRecord[]> {
  const map = new Map<string, SeriesRecord[]>();
  for (const r of records) {
    const list = map.get(r.seriesDialogueId);
    if (list) list.push(r);
    else map.set(r.seriesDialogueId, [r]);
  }
  return map;
}

/** Computes the statistics from the stored rows (pure; records of unknown dialogues are ignored). */
export function seriesStatistics(
  dialogues: readonly SeriesDialogue[],
  records: readonly SeriesRecord[],
): SeriesStatistics {
  const byDialogue = recordsByDialogue(records);
  let onSite = 0;
  let remote = 0;
  let seldom = 0;
  const organisers = new Set<string>();
  const languages: string[] = [];
  for (const d of dialogues) {
    const recs = byDialogue.get(d.id);
    if (!recs) continue;
    organisers.add(organisationKey(d.organisation));
    const langs = new Set<string>();
    for (const r of recs) {
      onSite += r.participantsOnSite;
      remote += r.participantsRemote;
      r.languages.forEach((l) => langs.add(l));
    }
    if (recs.some((r) => r.reachedSeldomHeard)) seldom++;
    languages.push(...langs);
  }
  const reported = dialogues.filter((d) => byDialogue.has(d.id)).length;
  return {
    registeredDialogues: dialogues.length,
    dialogues: reported,
    recordsMissing: dialogues.length - reported,
    participants: onSite + remote,
    participantsOnSite: onSite,
    participantsRemote: remote,
    organisers: organisers.size,
    expectedParticipants: dialogues.reduce((s, d) => s + d.expectedParticipants, 0),
    languages: counts(languages),
    regions: counts(dialogues.map((d) => d.region)),
    modes: counts(dialogues.map((d) => d.mode)),
    reachedSeldomHeard: seldom,
  };
}
