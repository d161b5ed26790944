import assert from "node:assert/strict";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  markSortedByName,
  sortByOrgName,
} from "../../tab/src/platform/lib/format";

describe("tab formatting helpers (tab/src/platform/lib/format.ts)", () => {
  it("formats numbers exactly as Intl.NumberFormat does in fi, sv and en (fast path included)", () => {
    const samples = [0, 1, 7, 42, 999, 1000, 1234, 10_000, 123_456, -1, -999, -0, 0.5, 12.25];
    for (const lang of ["fi", "sv", "en"]) {
      const intl = new Intl.NumberFormat(lang);
      for (const n of samples) assert.equal(formatNumber(n, lang), intl.format(n), `${lang} ${n}`);
    }
  });

  it("sorts organisations by name in the language, unless the server already did for that language", () => {
    const orgs = [
      { id: "vm", names: { fi: "Valtiovarainministeriö", sv: "Finansministeriet" } },
      { id: "om", names: { fi: "Oikeusministeriö", sv: "Justitieministeriet" } },
      { id: "x", names: { fi: "Ähtärin kunta" } },
    ];
    assert.deepEqual(
      sortByOrgName(orgs, "sv").map((o) => o.id),
      ["vm", "om", "x"],
    );
    assert.deepEqual(
      sortByOrgName(orgs, "fi").map((o) => o.id),
      ["om", "vm", "x"],
    );
    // A list marked as sorted in Swedish keeps its order for Swedish, and is sorted for Finnish.
    const fromServer = [orgs[2]!, orgs[0]!, orgs[1]!];
    markSortedByName(fromServer, "sv");
    assert.deepEqual(
      sortByOrgName(fromServer, "sv").map((o) => o.id),
      ["x", "vm", "om"],
    );
    assert.deepEqual(
      sortByOrgName(fromServer, "fi").map((o) => o.id),
      ["om", "vm", "x"],
    );
    assert.notEqual(sortByOrgName(fromServer, "sv"), fromServer, "a copy, never the cached list itself");
  });

  it("writes English dates day-first with a 24-hour clock in Finnish time, as the cards do", () => {
    // 12:58 UTC is 14:58 in Helsinki (winter time).
    assert.equal(formatDateTime("2026-12-14T12:58:00Z", "en"), "14 Dec 2026, 14:58");
    assert.equal(formatTime(new Date("2026-12-14T12:58:00Z"), "en"), "14:58");
    assert.equal(formatDate("2026-12-14", "en"), "14 Dec 2026");
    assert.match(formatDateTime("2026-12-14T12:58:00Z", "fi"), /14\.12\.2026.*14\.58/);
  });
});
