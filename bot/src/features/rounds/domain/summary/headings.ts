/** The summary's headings and labels in the three languages (a typed table, so none is missing). */

/** Languages of the rendered summary. */
export type HeadingsLanguage = "fi" | "sv" | "en";

/** Every string a renderer prints. */
export interface SummaryHeadings {
  summary: string;
  date: string;
  groundRules: string;
  inNumbers: string;
  participants: string;
  groups: string;
  rounds: string;
  organisations: string;
  languages: string;
  notes: string;
  themes: string;
  /** A theme's count of groups, with the right plural: "1 group", "3 groups". */
  groupCount: (n: number) => string;
  /** A date (YYYY-MM-DD) as the language writes it. */
  formatDate: (iso: string) => string;
  /** Language codes in words. */
  languageNames: Record<string, string>;
  notesByRound: string;
  round: string;
  group: string;
  insights: string;
  noNotes: string;
  noThemes: string;
  groundRulesVersions: Record<string, string>;
  /** "Ground rules accepted": which texts the participants accepted. */
  groundRulesAccepted: string;
  /** "{rules}, {language}" for one accepted text (the text's version hash is for the records, not readers). */
  acceptedText: (rules: string, language: string) => string;
}

/**
 * The accepted ground-rules texts ("current4/fi/3f2a9c1b" with counts) in words, one line per
 * rules and language: versions of one text differ only by their hash, which readers do not need.
 */
export function acceptedRulesLines(
  h: SummaryHeadings,
  accepted: readonly { version: string; count: number }[],
): string[] {
  const lines = new Map<string, number>();
  for (const a of accepted) {
    const [rules = a.version, language = ""] = a.version.split("/");
    const name = h.groundRulesVersions[rules] ?? rules;
    const text = language ? h.acceptedText(name, h.languageNames[language] ?? language) : name;
    lines.set(text, (lines.get(text) ?? 0) + a.count);
  }
  return [...lines].map(([text, count]) => `${text}: ${count}`);
}

/** "2026-12-14" → "14.12.2026" (Finnish and Swedish write dates so). */
const dottedDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])}.${Number(m[2])}.${m[1]}` : iso;
};
const EN_MONTHS =
  "January February March April May June July August September October November December".split(" ");

/** The table. */
export const SUMMARY_HEADINGS: Record<HeadingsLanguage, SummaryHeadings> = {
  fi: {
    summary: "Yhteenveto",
    date: "Päivämäärä",
    groundRules: "Pelisäännöt",
    inNumbers: "Luvut",
    participants: "Keskustelijoita",
    groups: "Ryhmiä",
    rounds: "Kierroksia",
    organisations: "Organisaatioita",
    languages: "Kieliä",
    notes: "Muistiinpanoja",
    themes: "Teemat",
    groupCount: (n) => `${n} ${n === 1 ? "ryhmä" : "ryhmää"}`,
    formatDate: dottedDate,
    languageNames: { fi: "suomi", sv: "ruotsi", en: "englanti" },
    notesByRound: "Muistiinpanot kierroksittain",
    round: "Kierros",
    group: "Ryhmä",
    insights: "Oivallukset eteenpäin vietäviksi",
    noNotes: "Ei muistiinpanoja.",
    noThemes: "Teemoja ei kirjattu.",
    groundRulesAccepted: "Hyväksytyt pelisäännöt",
    acceptedText: (rules, language) => `${rules}, ${language}`,
    groundRulesVersions: {
      current4: "nykyiset 4 pelisääntöä",
      finnish6: "6 pelisääntöä",
      v2017five: "5 pelisääntöä (2017)",
    },
  },
  sv: {
    summary: "Sammanfattning",
    date: "Datum",
    groundRules: "Spelregler",
    inNumbers: "I siffror",
    participants: "Deltagare",
    groups: "Grupper",
    rounds: "Omgångar",
    organisations: "Organisationer",
    languages: "Språk",
    notes: "Anteckningar",
    themes: "Teman",
    groupCount: (n) => `${n} ${n === 1 ? "grupp" : "grupper"}`,
    formatDate: dottedDate,
    languageNames: { fi: "finska", sv: "svenska", en: "engelska" },
    notesByRound: "Anteckningar per omgång",
    round: "Omgång",
    group: "Grupp",
    insights: "Insikter att föra vidare",
    noNotes: "Inga anteckningar.",
    noThemes: "Inga teman antecknades.",
    groundRulesAccepted: "Godkända spelregler",
    acceptedText: (rules, language) => `${rules}, ${language}`,
    groundRulesVersions: {
      current4: "nuvarande 4 spelregler",
      finnish6: "6 spelregler",
      v2017five: "5 spelregler (2017)",
    },
  },
  en: {
    summary: "Summary",
    date: "Date",
    groundRules: "Ground rules",
    inNumbers: "In numbers",
    participants: "Participants",
    groups: "Groups",
    rounds: "Rounds",
    organisations: "Organisations",
    languages: "Languages",
    notes: "Notes",
    themes: "Themes",
    groupCount: (n) => `${n} ${n === 1 ? "group" : "groups"}`,
    formatDate: (iso) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? `${Number(m[3])} ${EN_MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
    },
    languageNames: { fi: "Finnish", sv: "Swedish", en: "English" },
    notesByRound: "Notes by round",
    round: "Round",
    group: "Group",
    insights: "Insights to pass on",
    noNotes: "No notes.",
    noThemes: "No themes were noted.",
    groundRulesAccepted: "Ground rules accepted",
    acceptedText: (rules, language) => `${rules}, ${language}`,
    groundRulesVersions: {
      current4: "current 4 ground rules",
      finnish6: "6 ground rules",
      v2017five: "5 ground rules (2017)",
    },
  },
};

/** "2 (Finnish, Swedish)": the count with the languages in words ("2" alone when none is known). */
export function languagesText(h: SummaryHeadings, count: number, codes: readonly string[]): string {
  return codes.length ? `${count} (${codes.map((c) => h.languageNames[c] ?? c).join(", ")})` : String(count);
}

/** The headings of a language, English for anything unknown. */
export function headingsFor(language: string): SummaryHeadings {
  return SUMMARY_HEADINGS[language as HeadingsLanguage] ?? SUMMARY_HEADINGS.en;
}
