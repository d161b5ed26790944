import { assertEveryCardOnce, assertPacedAsOneSender, runFleetDay, sendTimeText } from "./dialogue-day-fleet";
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
      const r = await runFleetDay(DIALOGUES, PEOPLE);
      assertEveryCardOnce(r);
      assertPacedAsOneSender(r);
      return `dialogue day ${DIALOGUES}×${PEOPLE} on 3 instances: ${sendTimeText(r)}, ${r.throttled}× 429`;
    }),
  );
});
