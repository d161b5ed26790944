import type { Masker } from "./anonymise";
import type { SeriesRecord } from "./types";

/** One theme across all records. */
export interface ThemeSummary {
  theme: string;
  /** Records (dialogues or groups) in which it came up. */
  count: number;
  /** Short anonymised sentences from notes of those records. */
  quotes: string[];
  /** Insights reported together with the theme, most frequent first. */
  insights: { text: string; count: number }[];
}

/** How much detail the summary keeps (it must fit a table row and stay readable). */
export const THEME_LIMITS = {
  themes: 200,
  detailedThemes: 40,
  quotesPerTheme: 3,
  insightsPerTheme: 5,
  quoteMin: 20,
  quoteMax: 280,
} as const;

/** Key under which spellings of one theme are merged: case, punctuation and spacing ignored. */
export function themeKey(theme: string): string {
  return theme
    .normalize("NFKC")
    .toLocaleLowerCase("fi")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Word stems (first five letters of words of ≥ 4 letters): tolerant of Finnish inflection. */
function stems(text: string): string[] {
  return themeKey(text)
    .split(" ")
    .filter((w) => w.length >= 4)
    .map((w) => w.slice(0, 5));
}

function sentences(notes: string): string[] {
  return notes
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= THEME_LIMITS.quoteMin && s.length <= THEME_LIMITS.quoteMax);
}

// The spelling used most wins; on a tie the capitalised one ("Yksinäisyys" over "yksinäisyys").
const capital = (s: string) => (/^\p{Lu}/u.test(s) ? 1 : 0);
const byUse = (x: [string, number], y: [string, number]) =>
  y[1] - x[1] || capital(y[0]) - capital(x[0]) || x[0].localeCompare(y[0], "fi");

interface Bucket {
  labels: Map<string, number>;
  records: SeriesRecord[];
}

/**
 * Aggregates the themes of every record: spellings merged, counted once per record, sorted by
 * count. The most common themes get representative quotes (sentences of the notes that mention
 * the theme, from different records) and their most frequent insights. Everything passes the
 * masker again, so text stored before a better masker existed is anonymised too.
 */
export function aggregateThemes(records: readonly SeriesRecord[], mask: Masker): ThemeSummary[] {
  const buckets = new Map<string, Bucket>();
  for (const r of records) {
    const seen = new Set<string>();
    for (const t of r.themes) {
      const key = themeKey(t);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { labels: new Map(), records: [] }));
      b.labels.set(t, (b.labels.get(t) ?? 0) + 1);
      b.records.push(r);
    }
  }
  const ranked = [...buckets.values()]
    .map((b) => ({ b, label: [...b.labels].sort(byUse)[0]![0] }))
    .sort((x, y) => y.b.records.length - x.b.records.length || x.label.localeCompare(y.label, "fi"))
    .slice(0, THEME_LIMITS.themes);

  return ranked.map(({ b, label }, i) => {
    const summary: ThemeSummary = { theme: mask(label), count: b.records.length, quotes: [], insights: [] };
    if (i >= THEME_LIMITS.detailedThemes) return summary;
    const themeStems = stems(label);
    for (const r of b.records) {
      if (summary.quotes.length >= THEME_LIMITS.quotesPerTheme) break;
      const hit = sentences(r.notes).find((s) => {
        const st = stems(s);
        return themeStems.some((t) => st.includes(t));
      });
      if (hit) {
        const quote = mask(hit);
        if (!summary.quotes.includes(quote)) summary.quotes.push(quote);
      }
    }
    const insights = new Map<string, { text: string; count: number }>();
    for (const r of b.records) {
      for (const text of r.insights) {
        const key = themeKey(text);
        const entry = insights.get(key);
        if (entry) entry.count++;
        else insights.set(key, { text, count: 1 });
      }
    }
    summary.insights = [...insights.values()]
      .sort((x, y) => y.count - x.count)
      .slice(0, THEME_LIMITS.insightsPerTheme)
      .map((x) => ({ text: mask(x.text), count: x.count }));
    return summary;
  });
}
