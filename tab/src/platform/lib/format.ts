import type { OrgNames } from "@dialogi/contracts";
import type { Language } from "./languages";

/**
 * Intl objects are costly to build (each one loads locale data): one per kind and language,
 * kept for the page's life. Rendering the directory built one per card before.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator>();

function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.Collator>(
  key: string,
  make: () => T,
): T {
  let f = formatters.get(key) as T | undefined;
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f;
}

/**
 * Every time the tab shows is Finnish time, wherever the browser is (the dialogues happen in
 * Finland; the bot's cards and the calendar invitations say the same).
 */
export const TIME_ZONE = "Europe/Helsinki";

/** The calendar day of an instant in Finland ("2030-03-25"), to compare days across time zones. */
export function helsinkiDay(d: Date): string {
  return memo("day", () => new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE })).format(d);
}

/**
 * The Intl locale for dates and times in a UI language. English is written as the cards and the
 * rest of the app write it, the Finnish way: day before month and a 24-hour clock ("14 Dec 2026,
 * 14:58"), which British English gives; plain "en" would be US style ("Dec 14, 2026, 2:58 PM").
 */
function dateLocale(lang: string): string {
  return lang === "en" || lang.startsWith("en-") ? "en-GB" : lang;
}

/** Formats an ISO timestamp as a date and time (Finnish time) in the UI language. */
export function formatDateTime(iso: string | undefined, lang: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = memo(
    `dateTime:${lang}`,
    () =>
      new Intl.DateTimeFormat(dateLocale(lang), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: TIME_ZONE,
      }),
  );
  return f.format(d);
}

/** Formats an instant's time of day (Finnish time) in the UI language ("14:58", "klo 14.58"). */
export function formatTime(d: Date, lang: string): string {
  return memo(
    `time:${lang}`,
    () => new Intl.DateTimeFormat(dateLocale(lang), { timeStyle: "short", timeZone: TIME_ZONE }),
  ).format(d);
}

/** Formats an ISO calendar date (YYYY-MM-DD) in the UI language, without time-zone shifts. */
export function formatDate(isoDate: string | undefined, lang: string): string {
  if (!isoDate) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return memo(
    `date:${lang}`,
    () => new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: "medium", timeZone: "UTC" }),
  ).format(d);
}

/** An organisation's name in the UI language, falling back to Finnish. */
export function orgName(names: OrgNames | undefined, lang: Language | string): string {
  if (!names) return "";
  const own = names[lang as keyof OrgNames];
  return own && own.trim() ? own : names.fi;
}

/** Whether the name shown is a fallback (so it can be marked with its own `lang`). */
export function orgNameLang(names: OrgNames | undefined, lang: Language | string): string {
  const own = names?.[lang as keyof OrgNames];
  return own && own.trim() ? lang : "fi";
}

/**
 * Formats a number in the UI language. Integers from 0 to 999 read the same in Finnish, Swedish
 * and English (Latin digits, no grouping; negatives differ: fi and sv use a minus sign), so they skip building the locale's NumberFormat,
 * which would cost the first render ~10 ms.
 */
export function formatNumber(n: number, lang: string): string {
  if (Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0)) return String(n);
  return memo(`number:${lang}`, () => new Intl.NumberFormat(lang)).format(n);
}

/** Lists the server sent already sorted by name, and in which language. */
const sortedIn = new WeakMap<object, string>();

/**
 * Marks a list the server sorted by name in `lang` (`GET /api/directory/organisations` sorts in
 * the request's language): {@link sortByOrgName} then keeps its order without a collator —
 * building the first one cost the directory's first render ~25 ms.
 */
export function markSortedByName(list: readonly object[], lang: string): void {
  sortedIn.set(list, lang);
}

/**
 * Organisations sorted by their name in the UI language (for lists and choices). One collator
 * and each name looked up once: `localeCompare` with a locale builds a collator per comparison,
 * which made this the costliest step of the directory's first render.
 */
export function sortByOrgName<T extends { names: OrgNames }>(orgs: readonly T[], lang: string): T[] {
  if (sortedIn.get(orgs) === lang) return [...orgs];
  const compare = collator(lang).compare;
  return orgs
    .map((o) => ({ o, name: orgName(o.names, lang) }))
    .sort((a, b) => compare(a.name, b.name))
    .map((x) => x.o);
}

/** A collator per language, made once (sorting names and themes). */
export function collator(lang: string): Intl.Collator {
  return memo(`collator:${lang}`, () => new Intl.Collator(lang));
}
