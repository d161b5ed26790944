/**
 * Europe/Helsinki wall-clock time ↔ UTC instants. Organisers type local times; storage,
 * timers and calendar files use UTC. Uses Intl (full ICU ships with Node.js), so DST
 * changes follow the tz database rather than a hand-written rule.
 */

export const TIME_ZONE = "Europe/Helsinki";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Local Helsinki calendar date and time of day. */
export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** Minutes from local midnight. */
  minutes: number;
}

function intlFields(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parts.formatToParts(instant)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

const HOUR_MS = 3_600_000;
/** Since 1981 Helsinki changes its offset only at whole UTC hours (01:00 UTC). */
const CACHE_FROM_MS = Date.UTC(1990, 0, 1);
const MAX_CACHED_HOURS = 4096;
const offsetByHour = new Map<number, number>();

/**
 * Local calendar fields of an instant. `formatToParts` costs several microseconds and was on the
 * note-save hot path ("saved at 10.30"), so the offset is asked of Intl once per UTC hour and
 * the fields are then plain UTC arithmetic; instants before 1990 (odd historical offsets and
 * change times) and invalid dates go to Intl directly.
 */
function fields(instant: Date): Record<string, number> {
  const ms = instant.getTime();
  if (!(ms >= CACHE_FROM_MS)) return intlFields(instant);
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const f = intlFields(new Date(hour * HOUR_MS));
    offset = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!) - hour * HOUR_MS;
    if (offsetByHour.size >= MAX_CACHED_HOURS) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  const local = new Date(ms + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** Offset of Helsinki from UTC at an instant, in minutes (120 in winter, 180 in summer). */
function offsetMinutes(instant: Date): number {
  const f = fields(instant);
  const asUtc = Date.UTC(f.year!, f.month! - 1, f.day!, f.hour!, f.minute!, f.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** Parses "YYYY-MM-DD"; undefined when not a real calendar date. */
export function parseDate(date: string): { y: number; m: number; d: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d)
    return undefined;
  return { y, m: mo, d };
}

/** Parses "HH:MM" or "H.MM" (Finnish style) into minutes from midnight; undefined when invalid. */
export function parseTime(time: string): number | undefined {
  const m = /^(\d{1,2})[:.](\d{2})$/.exec(time.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * 60 + min;
}

/** Formats minutes from midnight as "HH:MM". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/**
 * The UTC instant of a Helsinki wall-clock time. In the spring-forward gap the time is
 * shifted forward; in the autumn overlap one of the two instants is chosen (nobody schedules
 * a dialogue at 3.30 at night, so which one does not matter).
 */
export function helsinkiToUtc(date: string, minutes: number): Date | undefined {
  const d = parseDate(date);
  if (!d || minutes < 0 || minutes >= 24 * 60) return undefined;
  const naive = Date.UTC(d.y, d.m - 1, d.d, Math.floor(minutes / 60), minutes % 60);
  // Two passes: the offset at the first guess may differ from the offset at the answer.
  let guess = naive - offsetMinutes(new Date(naive)) * 60_000;
  guess = naive - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The Helsinki local date and time of an instant. */
export function utcToHelsinki(instant: Date): LocalDateTime {
  const f = fields(instant);
  const date = `${f.year}-${String(f.month).padStart(2, "0")}-${String(f.day).padStart(2, "0")}`;
  const minutes = f.hour! * 60 + f.minute!;
  return { date, time: formatMinutes(minutes), minutes };
}

/** "25.3.2021" — the date as Finns and Swedes in Finland write it. */
export function displayDate(instant: Date): string {
  const f = fields(instant);
  return `${f.day}.${f.month}.${f.year}`;
}

/** "9.00" — Finnish-style time of day, used in fi and sv texts. */
export function displayTime(instant: Date): string {
  const { minutes } = utcToHelsinki(instant);
  return `${Math.floor(minutes / 60)}.${String(minutes % 60).padStart(2, "0")}`;
}
