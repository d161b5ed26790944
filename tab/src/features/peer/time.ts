import { formatDateTime, helsinkiDay, TIME_ZONE } from "../../platform/lib/format";

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "25.3.2030 klo 9.00–11.00" (Finnish time): start date and time, and the end time (date too if it differs). */
export function timeRange(item: { start: string; end: string }, lang: string): string {
  const start = new Date(item.start);
  const end = new Date(item.end);
  if (Number.isNaN(end.getTime())) return formatDateTime(item.start, lang);
  const sameDay = helsinkiDay(start) === helsinkiDay(end);
  let f = timeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeStyle: "short", timeZone: TIME_ZONE });
    timeFormats.set(lang, f);
  }
  return `${formatDateTime(item.start, lang)}–${sameDay ? f.format(end) : formatDateTime(item.end, lang)}`;
}
