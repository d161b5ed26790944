import { callerOf } from "../services/card-data";
import { refusingRounds } from "../services/refusals";
import type { RoundsServices } from "../services/services";
import type { CardAction } from "../../../platform/teams/card-action";

/** Shows the summary card of an ended dialogue (with fresh download links). */
export const SUMMARY_OPEN_VERB = "summary.open";

/** Facilitators and organisers only; before the end it says when the summary will be ready. */
export function createSummaryOpenAction(s: RoundsServices): CardAction {
  return {
    verb: SUMMARY_OPEN_VERB,
    handle: (_ctx, env, data) =>
      refusingRounds(env.lang, async () => ({
        card: await s.summary.cardFor(data.dialogueId, callerOf(env), env.lang),
      })),
  };
}
