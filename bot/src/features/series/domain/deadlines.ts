import { helsinkiToUtc, parseDate, utcToHelsinki } from "../../../platform/time/helsinki-time";

/**
 * Series deadlines are calendar days in Helsinki: "records by 15 May" means until 23:59:59.999
 * local time that day, whatever the server's time zone.
 */
export function endOfHelsinkiDay(date: string): Date | undefined {
  if (!parseDate(date)) return undefined;
  const lastMinute = helsinkiToUtc(date, 23 * 60 + 59);
  return lastMinute && new Date(lastMinute.getTime() + 59_999);
}

/** True while `now` is on or before the Helsinki day `date`. */
export function beforeDeadline(date: string, now: Date): boolean {
  const end = endOfHelsinkiDay(date);
  return !!end && now.getTime() <= end.getTime();
}

/** Today's Helsinki date (YYYY-MM-DD). */
export function helsinkiToday(now: Date): string {
  return utcToHelsinki(now).date;
}
