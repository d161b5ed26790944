import type { EntryTime } from "../types";

/**
 * Finds and parses Finnish time expressions in free text ("Elo-syyskuu 2020", "26.4.-11.6.2021",
 * "syksystä 2020 kevääseen 2021", "4/2020-5/2021", "kevät 2021", "Maaliskuu 2020", "2022-2024").
 * Specific expressions win over a bare year; among specific ones the first in the text wins,
 * because listing bullets name the dialogue's own time before mentioning others.
 */

const MONTHS = [
  "tammi",
  "helmi",
  "maalis",
  "huhti",
  "touko",
  "kesä",
  "heinä",
  "elo",
  "syys",
  "loka",
  "marras",
  "joulu",
];
const MONTH = `(${MONTHS.join("|")})`;
/** Season word stems → first and last month (talvi = January–February of that year). */
const SEASONS: [RegExp, number, number][] = [
  [/^kevä/i, 3, 5],
  [/^kesä/i, 6, 8],
  [/^syks/i, 9, 11],
  [/^talv/i, 1, 2],
];
const SEASON = "(kevä\\p{L}*|kesä(?!kuu)\\p{L}*|syks\\p{L}*|talv\\p{L}*)";
const DASH = "\\s*[-–—]\\s*";
const YEAR = "((?:19|20)\\d{2})";

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthIndex = (stem: string) => MONTHS.indexOf(stem.toLowerCase()) + 1;
const season = (word: string) => SEASONS.find(([re]) => re.test(word));
const num = (s: string | undefined) => Number(s);

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

type Parsed = Omit<EntryTime, "text">;
type Rule = [RegExp, (m: RegExpExecArray) => Parsed | undefined];

const range = (y1: number, m1: number, d1: number, y2: number, m2: number, d2: number): Parsed | undefined =>
  validDate(y1, m1, d1) && validDate(y2, m2, d2) && iso(y1, m1, d1) <= iso(y2, m2, d2)
    ? { year: y1, start: iso(y1, m1, d1), end: iso(y2, m2, d2) }
    : undefined;

const RULES: Rule[] = [
  // Elo-syyskuu 2020 · elokuusta syyskuuhun 2020
  [
    new RegExp(`(?<!\\p{L})${MONTH}(?:kuu\\p{L}*)?(?:${DASH}|\\s+)${MONTH}kuu\\p{L}*\\s+${YEAR}`, "iu"),
    (m) => {
      const y = num(m[3]);
      return range(y, monthIndex(m[1]!), 1, y, monthIndex(m[2]!), lastDay(y, monthIndex(m[2]!)));
    },
  ],
  // 26.4.-11.6.2021 · 26.4.2021–11.6.2021
  [
    new RegExp(`(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.${YEAR}?${DASH}(\\d{1,2})\\.(\\d{1,2})\\.${YEAR}`, "u"),
    (m) => range(num(m[3] ?? m[6]), num(m[2]), num(m[1]), num(m[6]), num(m[5]), num(m[4])),
  ],
  // 4/2020-5/2021
  [
    new RegExp(`(?<![\\d/])(\\d{1,2})/${YEAR}${DASH}(\\d{1,2})/${YEAR}`, "u"),
    (m) => range(num(m[2]), num(m[1]), 1, num(m[4]), num(m[3]), lastDay(num(m[4]), num(m[3]) || 1)),
  ],
  // syksystä 2020 kevääseen 2021
  [
    new RegExp(`(?<!\\p{L})${SEASON}\\s+${YEAR}(?:${DASH}|\\s+)${SEASON}\\s+${YEAR}`, "iu"),
    (m) => {
      const a = season(m[1]!);
      const b = season(m[3]!);
      if (!a || !b) return undefined;
      return range(num(m[2]), a[1], 1, num(m[4]), b[2], lastDay(num(m[4]), b[2]));
    },
  ],
  // 8.6.2021
  [
    new RegExp(`(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.${YEAR}(?!\\d)`, "u"),
    (m) => range(num(m[3]), num(m[2]), num(m[1]), num(m[3]), num(m[2]), num(m[1])),
  ],
  // Maaliskuu 2020 · toukokuussa 2020
  [
    new RegExp(`(?<!\\p{L})${MONTH}kuu\\p{L}*\\s+${YEAR}`, "iu"),
    (m) => {
      const y = num(m[2]);
      const mo = monthIndex(m[1]!);
      return range(y, mo, 1, y, mo, lastDay(y, mo));
    },
  ],
  // kevät 2021 · keväällä 2021
  [
    new RegExp(`(?<!\\p{L})${SEASON}\\s+${YEAR}`, "iu"),
    (m) => {
      const s = season(m[1]!);
      const y = num(m[2]);
      return s ? range(y, s[1], 1, y, s[2], lastDay(y, s[2])) : undefined;
    },
  ],
  // 5/2021
  [
    new RegExp(`(?<![\\d/])(\\d{1,2})/${YEAR}(?!\\d)`, "u"),
    (m) => range(num(m[2]), num(m[1]), 1, num(m[2]), num(m[1]), lastDay(num(m[2]), num(m[1]) || 1)),
  ],
  // 2022-2024
  [
    new RegExp(`(?<![\\d./])${YEAR}${DASH}${YEAR}(?![\\d.])`, "u"),
    (m) => range(num(m[1]), 1, 1, num(m[2]), 12, 31),
  ],
];

const BARE_YEAR = new RegExp(`(?<![\\d./:])${YEAR}(?![\\d/]|\\.\\d)`, "gu");

/** The first time expression in `text`, with the matched words as `text`. */
export function findTime(text: string): EntryTime | undefined {
  let best: { index: number; time: EntryTime } | undefined;
  for (const [re, parse] of RULES) {
    const m = re.exec(text);
    if (!m || (best && best.index <= m.index)) continue;
    const parsed = parse(m);
    if (parsed) best = { index: m.index, time: { text: m[0].trim(), ...parsed } };
  }
  if (best) return best.time;
  // A bare year: the last one, since earlier years in a bullet tend to be programme names
  // ("demokratiaohjelma 2025") and the dialogue's own year closes the bullet.
  const years = [...text.matchAll(BARE_YEAR)];
  const last = years[years.length - 1];
  if (!last) return undefined;
  const y = num(last[1]);
  return { text: last[0], year: y, start: iso(y, 1, 1), end: iso(y, 12, 31) };
}

/** Parses a whole time text typed by an author; undefined when nothing is recognised. */
export function parseTimeText(text: string): Parsed | undefined {
  const found = findTime(text);
  if (!found) return undefined;
  const { text: _matched, ...parsed } = found;
  return parsed;
}
