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
  /** After a theme's count: "3 groups". */
  groupsUnit: string;
  notesByRound: string;
  round: string;
  group: string;
  insights: string;
  noNotes: string;
  noThemes: string;
  groundRulesVersions: Record<string, string>;
  /** "Ground rules accepted": which texts the participants accepted. */
  groundRulesAccepted: string;
  /** "{rules}, {language} text {hash}" for one accepted text. */
  acceptedText: (rules: string, language: string, hash: string) => string;
}

/** One accepted ground-rules text ("current4/fi/3f2a9c1b") in words, with its count. */
export function acceptedRulesText(h: SummaryHeadings, version: string, count: number): string {
  const [rules = version, language = "", hash = ""] = version.split("/");
  const name = h.groundRulesVersions[rules] ?? rules;
  return `${language && hash ? h.acceptedText(name, language, hash) : name}: ${count}`;
}

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
    groupsUnit: "ryhmää",
    notesByRound: "Muistiinpanot kierroksittain",
    round: "Kierros",
    group: "Ryhmä",
    insights: "Oivallukset eteenpäin vietäviksi",
    noNotes: "Ei muistiinpanoja.",
    noThemes: "Teemoja ei kirjattu.",
    groundRulesAccepted: "Hyväksytyt pelisäännöt",
    acceptedText: (rules, language, hash) => `${rules}, kieli ${language}, tekstiversio ${hash}`,
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
    groupsUnit: "grupper",
    notesByRound: "Anteckningar per omgång",
    round: "Omgång",
    group: "Grupp",
    insights: "Insikter att föra vidare",
    noNotes: "Inga anteckningar.",
    noThemes: "Inga teman antecknades.",
    groundRulesAccepted: "Godkända spelregler",
    acceptedText: (rules, language, hash) => `${rules}, språk ${language}, textversion ${hash}`,
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
    groupsUnit: "groups",
    notesByRound: "Notes by round",
    round: "Round",
    group: "Group",
    insights: "Insights to pass on",
    noNotes: "No notes.",
    noThemes: "No themes were noted.",
    groundRulesAccepted: "Ground rules accepted",
    acceptedText: (rules, language, hash) => `${rules}, language ${language}, text version ${hash}`,
    groundRulesVersions: {
      current4: "current 4 ground rules",
      finnish6: "6 ground rules",
      v2017five: "5 ground rules (2017)",
    },
  },
};

/** The headings of a language, English for anything unknown. */
export function headingsFor(language: string): SummaryHeadings {
  return SUMMARY_HEADINGS[language as HeadingsLanguage] ?? SUMMARY_HEADINGS.en;
}
