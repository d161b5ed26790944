import type { OrgNames } from "@dialogi/contracts";
import type { Language } from "./languages";

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Every time the tab shows is Finnish time, wherever the browser is (the dialogues happen in
 * Finland; the bot's cards and the calendar invitations say the same).
 */
export const TIME_ZONE = "Europe/Helsinki";

/** The calendar day of an instant in Finland ("2030-03-25"), to compare days across time zones. */
export function helsinkiDay(d: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(d);
}

/** Formats an ISO timestamp as a date and time (Finnish time) in the UI language. */
export function formatDateTime(iso: string | undefined, lang: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let f = dateTimeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
    dateTimeFormats.set(lang, f);
  }
  return f.format(d);
}

/** Formats an ISO calendar date (YYYY-MM-DD) in the UI language, without time-zone shifts. */
export function formatDate(isoDate: string | undefined, lang: string): string {
  if (!isoDate) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" }).format(d);
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

/** Formats a number in the UI language. */
export function formatNumber(n: number, lang: string): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** Organisations sorted by their name in the UI language (for lists and choices). */
export function sortByOrgName<T extends { names: OrgNames }>(orgs: readonly T[], lang: string): T[] {
  return [...orgs].sort((a, b) => orgName(a.names, lang).localeCompare(orgName(b.names, lang), lang));
}
