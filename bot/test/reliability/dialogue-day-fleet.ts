import assert from "node:assert/strict";
import {
  runDialogueDay,
  type DialogueDayOptions,
  type DialogueDayResult,
} from "../../../bench/lib/dialogue-day";
import { sharedAzurite } from "../../testing/azurite";

// Shared by dialogue-day.spec.ts and dialogue-day-restart.spec.ts: the CI-size dialogue day on
// three app processes (bench/lib/dialogue-day.ts; `npm run bench` runs the full size).

/**
 * Runs a dialogue day of `dialogues` × `people` on three real app processes sharing the suite's
 * Azurite, against a connector that enforces Teams' limits (two minutes at most); `extra` adds
 * options such as a rolling restart.
 */
export async function runFleetDay(
  dialogues: number,
  people: number,
  extra: Partial<DialogueDayOptions> = {},
): Promise<DialogueDayResult> {
  const azurite = await sharedAzurite();
  return runDialogueDay({
    connectionString: azurite.connectionString,
    dialogues,
    people,
    instances: 3,
    timeoutMs: 120_000,
    ...extra,
  });
}

/** Asserts every member got their card exactly once: none lost, none given up, no duplicates. */
export function assertEveryCardOnce(r: DialogueDayResult): void {
  const figures = JSON.stringify(r);
  assert.equal(r.lost, 0, figures);
  assert.equal(r.gaveUp, 0, figures);
  assert.equal(r.duplicates, 0, figures);
}

/**
 * Asserts the 429s are as from one paced sender: three independent pacers would send up to
 * 3 × 50/s into the tenant's 50/s and draw 429s for most requests. The few left come from
 * event-loop stalls on a loaded machine bunching paced requests (one instance draws them too:
 * the bench compares both in one run).
 */
export function assertPacedAsOneSender(r: DialogueDayResult): void {
  assert.ok(r.throttled <= Math.ceil(r.delivered / 10), JSON.stringify(r));
}

/** "N cards in S s (limits' minimum M s, R×)": the time beside the limits' minimum, for the log line. */
export function sendTimeText(r: DialogueDayResult): string {
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return `${r.delivered} cards in ${s(r.sendMs)} s (limits' minimum ${s(r.minimumMs)} s, ${(r.sendMs / r.minimumMs).toFixed(2)}×)`;
}
