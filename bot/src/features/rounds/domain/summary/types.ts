/** Input and model of a dialogue summary (pure data; renderers turn it into md, csv and docx). */

/** A registrant as the summary needs it: only to count and to know which names to mask. */
export interface SummaryRegistrant {
  id: string;
  firstName: string;
  lastName?: string;
  /** Teams display name, masked as well. */
  displayName?: string;
  attributes: { org?: string; language?: string };
  /** Id of the ground-rules text the person accepted (`<version>/<language>/<hash>`); absent on older rows. */
  groundRulesVersion?: string;
}

/** A ground-rules text version and how many participants accepted it. */
export interface AcceptedRules {
  version: string;
  count: number;
}

/** A stored note of one group in one round. */
export interface SummaryNote {
  round: number;
  group: number;
  text: string;
  themes: string[];
  insights?: string;
  savedAt: Date | string;
}

/** What `buildSummary` takes. */
export interface SummaryInput {
  dialogue: { title: string; language: string; date: Date | string; groundRulesVersion?: string };
  registrants: SummaryRegistrant[];
  rounds: { index: number; title: string; groups: { number: number; memberIds: string[] }[] }[];
  notes: SummaryNote[];
}

/** A theme and the number of groups (round × group) that raised it. */
export interface ThemeCount {
  theme: string;
  groups: number;
}

/** One note in the summary, anonymised. */
export interface SummaryNoteView {
  text: string;
  themes: string[];
  insights: string;
  /** ISO 8601 instant. */
  savedAt: string;
}

/** The summary model: anonymised, counted, ordered. */
export interface Summary {
  dialogue: { title: string; language: string; date: string; groundRulesVersion?: string };
  /** Which ground-rules texts the participants accepted, most accepted first (none recorded: empty). */
  groundRulesAccepted: AcceptedRules[];
  counts: {
    /** Distinct people in any group (all registrants when no groups were formed). */
    participants: number;
    /** Group instances over all rounds. */
    groups: number;
    rounds: number;
    /** Distinct organisations of the participants. */
    organisations: number;
    /** Distinct languages the participants talked in. */
    languages: number;
    notes: number;
  };
  languages: string[];
  /** Sorted by groups desc, then alphabetically. */
  themes: ThemeCount[];
  rounds: { index: number; title: string; groups: { number: number; notes: SummaryNoteView[] }[] }[];
  /** Insights the groups want passed on, in round and group order. */
  insights: { round: number; group: number; text: string }[];
}
