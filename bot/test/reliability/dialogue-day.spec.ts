import assert from "node:assert/strict";
import { runDialogueDay } from "../../../bench/lib/dialogue-day";
import { sharedAzurite } from "../../testing/azurite";
import { tracked } from "./report";

/**
 * The dialogue day at CI size: 10 dialogues × 30 people whose round 1 starts at once, on three
 * real app processes sharing one Azurite, against a connector that enforces Teams' limits. The
 * full size (30 × 100) runs in `npm run bench` ("dialogue day"), where it takes minutes.
 * The time goal (last card within 1.15× the least time Teams' limits allow) is measured and
 * judged there, beside a one-instance run in the same process: on the shared 2-core machine the
 * send path is CPU-bound and the ratio says more about the machine's load than about the code,
 * so this spec reports it (in the faults line) and asserts what does not depend on load.
 */
const DIALOGUES = 10;
const PEOPLE = 30;

describe("outbox: three instances, every round starting in the same minute", function () {
  this.timeout(240_000);

  it(
    "0 lost, 0 given up, no duplicates, 429s as from one paced sender (the time beside the limits' minimum is reported)",
    tracked("faults", async () => {
      const azurite = await sharedAzurite();
      const r = await runDialogueDay({
        connectionString: azurite.connectionString,
        dialogues: DIALOGUES,
        people: PEOPLE,
        instances: 3,
        timeoutMs: 120_000,
      });
      const figures = JSON.stringify(r);
      assert.equal(r.lost, 0, figures);
      assert.equal(r.gaveUp, 0, figures);
      assert.equal(r.duplicates, 0, figures);
      // One sender paces the app: three independent pacers would send up to 3 × 50/s into the
      // tenant's 50/s and draw 429s for most requests. The few left come from event-loop stalls
      // on this loaded machine bunching paced requests (one instance draws them too: the bench
      // compares both in one run).
      assert.ok(r.throttled <= Math.ceil(r.delivered / 10), figures);
      return `dialogue day ${DIALOGUES}×${PEOPLE} on 3 instances: ${r.delivered} cards in ${(r.sendMs / 1000).toFixed(1)} s (limits' minimum ${(r.minimumMs / 1000).toFixed(1)} s, ${(r.sendMs / r.minimumMs).toFixed(2)}×), ${r.throttled}× 429`;
    }),
  );
});
