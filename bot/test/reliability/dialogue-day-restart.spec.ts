import assert from "node:assert/strict";
import { assertEveryCardOnce, assertPacedAsOneSender, runFleetDay, sendTimeText } from "./dialogue-day-fleet";
import { tracked } from "./report";

/**
 * The dialogue day through a deploy: 10 dialogues × 40 people whose round 1 starts at once, on
 * three real app processes sharing one Azurite, against a connector that enforces Teams' limits.
 * Three new processes start and join (a slot swap's warmed instances), then the three old ones
 * are stopped with SIGTERM one after another while the cards go out — the sender lease holder
 * first. An orderly stop finishes and marks its sends in flight, hands its queue messages back and
 * releases the lease, so the next sender repeats nothing. The full size (30 × 100, replaced in
 * place) runs in `npm run bench` ("dialogue day"). As in dialogue-day.spec.ts, the time beside the
 * limits' minimum is reported, not asserted: on a loaded machine it measures the load.
 */
const DIALOGUES = 10;
const PEOPLE = 40;

describe("outbox: a rolling restart of all three instances while the round's cards go out", function () {
  this.timeout(240_000);

  it(
    "0 lost, 0 given up, 0 duplicates, every stop orderly and mid-send, the new instances send the rest, 429s as from one paced sender",
    tracked("faults", async () => {
      const r = await runFleetDay(DIALOGUES, PEOPLE, { restart: "surge" });
      const figures = JSON.stringify(r);
      assert.equal(r.restarts.length, 3, figures);
      for (const step of r.restarts) {
        assert.ok(step.exit.graceful, `stopped by itself, exit code 0: ${figures}`);
        assert.ok(step.cardsAtStop < r.members, `the stop came while cards were going out: ${figures}`);
      }
      assert.ok(r.restarts[0]!.wasHolder, `the first stop took the sender lease holder: ${figures}`);
      // Rows in flight at an orderly stop are finished and marked before the lease is released.
      assertEveryCardOnce(r);
      assert.ok(r.sentByReplacements > 0, `the new instances sent the rest: ${figures}`);
      // The next sender takes over at once (Teams' one-second window, a poll), not when the
      // stopped one's lease (9 s) or its queue messages' visibility (15 s) would have run out.
      assert.ok(r.longestGapMs < 7000, `the longest pause between cards: ${figures}`);
      // One sender paces the app across the handovers (the next waits out Teams' one-second window).
      assertPacedAsOneSender(r);
      const stops = r.restarts.map((s) => `${(s.exit.ms / 1000).toFixed(1)} s`).join(", ");
      return `rolling restart ${DIALOGUES}×${PEOPLE}: ${sendTimeText(r)}, stops ${stops}, ${r.restarts.filter((s) => s.wasHolder).length} of the lease holder, ${r.sentByReplacements} rows by the new instances, ${r.throttled}× 429 (${r.throttledAtHandovers} at a handover; conversation ${r.throttledBy.conversation}, tenant ${r.throttledBy.tenant}), longest pause ${(r.longestGapMs / 1000).toFixed(1)} s`;
    }),
  );
});
