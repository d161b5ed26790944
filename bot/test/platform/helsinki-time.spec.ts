/**
 * Helsinki time from a per-hour offset cache (helsinki-time.ts) agrees with Intl's own answer
 * for every minute around both 2025 DST changes and for instants across years.
 */
import assert from "node:assert/strict";
import {
  displayDate,
  displayTime,
  helsinkiToUtc,
  utcToHelsinki,
} from "../../src/platform/time/helsinki-time";

const oracle = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Helsinki",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** Intl's "YYYY-MM-DD HH:MM" for an instant. */
function intl(instant: Date): string {
  const f = Object.fromEntries(oracle.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}`;
}

describe("platform: Helsinki time (cached offsets) agrees with Intl", () => {
  it("every minute from 3 h before to 3 h after both DST changes of 2025", () => {
    for (const change of [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1)]) {
      for (let ms = change - 3 * 3_600_000; ms <= change + 3 * 3_600_000; ms += 60_000) {
        const local = utcToHelsinki(new Date(ms));
        assert.equal(`${local.date} ${local.time}`, intl(new Date(ms)), new Date(ms).toISOString());
      }
    }
  });

  it("instants spread over 1995–2040, with seconds, and the display helpers", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(1995, 0, 1) + Math.floor(next() * 45 * 365.25 * 86_400_000);
      const instant = new Date(ms);
      const local = utcToHelsinki(instant);
      assert.equal(`${local.date} ${local.time}`, intl(instant), instant.toISOString());
      const [y, m, d] = local.date.split("-").map(Number);
      assert.equal(displayDate(instant), `${d}.${m}.${y}`);
      assert.equal(displayTime(instant), `${Math.floor(local.minutes / 60)}.${local.time.slice(3)}`);
      // Round trip through the wall clock (outside the autumn overlap hour).
      const back = helsinkiToUtc(local.date, local.minutes)!;
      if (Math.abs(back.getTime() - (ms - (ms % 60_000))) > 0) {
        assert.equal(
          Math.abs(back.getTime() - (ms - (ms % 60_000))),
          3_600_000,
          "only the overlap hour is ambiguous",
        );
      }
    }
  });

  it("an invalid date is refused as before", () => {
    assert.throws(() => utcToHelsinki(new Date(Number.NaN)), RangeError);
  });
});
