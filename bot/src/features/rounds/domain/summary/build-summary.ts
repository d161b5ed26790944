import { utcToHelsinki } from "../../../../platform/time/helsinki-time";
import { compileNames, maskNames, type MaskLanguage, type NameIndex } from "../notes/mask-names";
import { cleanLine, cleanText } from "../notes/validate-note";
import type {
  AcceptedRules,
  Summary,
  SummaryInput,
  SummaryNoteView,
  SummaryRegistrant,
  ThemeCount,
} from "./types";

/** Participants per accepted ground-rules text, most first (then by id, for a stable order). */
function acceptedRules(participants: readonly SummaryRegistrant[]): AcceptedRules[] {
  const counts = new Map<string, number>();
  for (const r of participants)
    if (r.groundRulesVersion) counts.set(r.groundRulesVersion, (counts.get(r.groundRulesVersion) ?? 0) + 1);
  return [...counts.entries()]
    .map(([version, count]) => ({ version, count }))
    .sort((a, b) => b.count - a.count || (a.version < b.version ? -1 : 1));
}

/** Case-, whitespace- and Unicode-form-insensitive key of a theme. */
export function themeKey(theme: string): string {
  return cleanLine(theme).toLocaleLowerCase("fi");
}

const maskLanguage = (language: string): MaskLanguage =>
  language === "fi" || language === "sv" || language === "en" ? language : "en";

/** "2024-03-25" in Helsinki time; a plain date string is kept; anything else gives "". */
function isoDate(date: Date | string): string {
  if (typeof date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = date instanceof Date ? date : new Date(date);
  return Number.isNaN(d.getTime()) ? "" : utcToHelsinki(d).date;
}

function isoInstant(value: Date | string): string {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}

/** Every name a registrant could be called by. */
function namesOf(registrants: readonly SummaryRegistrant[]): string[] {
  return registrants.flatMap((r) => [r.firstName, r.lastName ?? "", r.displayName ?? ""]).filter(Boolean);
}

function countThemes(
  notes: { round: number; group: number; themes: string[] }[],
  language: string,
): ThemeCount[] {
  const byKey = new Map<string, { theme: string; groups: Set<string> }>();
  for (const n of notes)
    for (const t of n.themes) {
      const key = themeKey(t);
      if (!key) continue;
      const entry = byKey.get(key) ?? { theme: cleanLine(t), groups: new Set<string>() };
      entry.groups.add(`${n.round}/${n.group}`);
      byKey.set(key, entry);
    }
  const collator = new Intl.Collator(language === "sv" || language === "en" ? language : "fi");
  return [...byKey.entries()]
    .sort(([ka, a], [kb, b]) => b.groups.size - a.groups.size || collator.compare(ka, kb))
    .map(([, e]) => ({ theme: e.theme, groups: e.groups.size }));
}

/**
 * Builds the summary of a dialogue: counts, themes by frequency, notes by round and group, and
 * insights. Every text is masked again with the registrants' names — notes are masked when saved,
 * but a name may have been added to the registrations since, and the summary leaves the building.
 */
export function buildSummary(input: SummaryInput): Summary {
  const language = input.dialogue.language;
  const index: NameIndex = compileNames(namesOf(input.registrants));
  const mask = (s: string | undefined) => maskNames(cleanText(s ?? ""), index, maskLanguage(language));
  const maskLine = (s: string) => maskNames(cleanLine(s), index, maskLanguage(language));

  const inGroups = new Set(input.rounds.flatMap((r) => r.groups.flatMap((g) => g.memberIds)));
  const participants =
    inGroups.size > 0 ? input.registrants.filter((r) => inGroups.has(r.id)) : input.registrants;
  const organisations = new Set(participants.map((r) => themeKey(r.attributes.org ?? "")).filter(Boolean));
  const languages = [
    ...new Set(participants.map((r) => themeKey(r.attributes.language ?? "")).filter(Boolean)),
  ];

  const notes = input.notes.map((n) => ({
    round: n.round,
    group: n.group,
    view: {
      text: mask(n.text),
      themes: (n.themes ?? []).map(maskLine).filter(Boolean),
      insights: mask(n.insights),
      savedAt: isoInstant(n.savedAt),
    } satisfies SummaryNoteView,
  }));
  notes.sort((a, b) => a.round - b.round || a.group - b.group || (a.view.savedAt < b.view.savedAt ? -1 : 1));

  // Rounds and groups as formed, plus any that only notes mention (a note is never dropped).
  const rounds = new Map<number, { title: string; groups: Set<number> }>();
  for (const r of input.rounds)
    rounds.set(r.index, { title: maskLine(r.title), groups: new Set(r.groups.map((g) => g.number)) });
  for (const n of notes) {
    const r = rounds.get(n.round) ?? { title: "", groups: new Set<number>() };
    r.groups.add(n.group);
    rounds.set(n.round, r);
  }

  return {
    dialogue: {
      title: maskLine(input.dialogue.title),
      language,
      date: isoDate(input.dialogue.date),
      ...(input.dialogue.groundRulesVersion ? { groundRulesVersion: input.dialogue.groundRulesVersion } : {}),
    },
    groundRulesAccepted: acceptedRules(participants),
    counts: {
      participants: participants.length,
      // Groups talking at once (the largest round), not one count per round: the same two groups
      // in two rounds are two groups, not four.
      groups: input.rounds.reduce((most, r) => Math.max(most, r.groups.length), 0),
      rounds: input.rounds.length,
      organisations: organisations.size,
      languages: languages.length,
      notes: notes.length,
    },
    languages: languages.sort(),
    themes: countThemes(
      notes.map((n) => ({ round: n.round, group: n.group, themes: n.view.themes })),
      language,
    ),
    rounds: [...rounds.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, r]) => ({
        index,
        title: r.title,
        groups: [...r.groups]
          .sort((a, b) => a - b)
          .map((number) => ({
            number,
            notes: notes.filter((n) => n.round === index && n.group === number).map((n) => n.view),
          })),
      })),
    insights: notes
      .filter((n) => n.view.insights)
      .map((n) => ({ round: n.round, group: n.group, text: n.view.insights })),
  };
}
