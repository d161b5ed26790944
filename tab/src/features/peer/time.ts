import { formatDateTime, formatTime, helsinkiDay } from "../../platform/lib/format";

/** "25.3.2030 klo 9.00–11.00" (Finnish time): start date and time, and the end time (date too if it differs). */
export function timeRange(item: { start: string; end: string }, lang: string): string {
  const start = new Date(item.start);
  const end = new Date(item.end);
  if (Number.isNaN(end.getTime())) return formatDateTime(item.start, lang);
  const sameDay = helsinkiDay(start) === helsinkiDay(end);
  return `${formatDateTime(item.start, lang)}–${sameDay ? formatTime(end, lang) : formatDateTime(item.end, lang)}`;
}
