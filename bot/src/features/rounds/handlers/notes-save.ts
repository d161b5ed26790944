import { callerOf, intField, textField } from "../services/card-data";
import { refusingRounds } from "../services/refusals";
import type { RoundsServices } from "../services/services";
import type { CardAction } from "../../../platform/teams/card-action";
import { countMetric } from "../../../platform/telemetry/instrument";

/** Saves a group's notes from the notes card (Action.Execute). */
export const NOTES_SAVE_VERB = "notes.save";

/**
 * Thin adapter over the notes service: the note id is the nonce minted into the card, so a
 * retried or double-clicked submit upserts the same row. Answers with the refreshed card
 * ("saved at", masked preview) or a translated refusal; a store failure propagates so the bot
 * says "not saved" rather than a false "saved".
 */
export function createNotesSaveAction(s: RoundsServices): CardAction {
  return {
    verb: NOTES_SAVE_VERB,
    handle: (_ctx, env, data) =>
      refusingRounds(env.lang, async () => {
        const result = await s.notes.save(
          {
            dialogueId: data.dialogueId,
            round: intField(env, data, "round", 99),
            group: intField(env, data, "group"),
            noteId: textField(env, data, "noteId"),
            text: textField(env, data, "text"),
            themes: textField(env, data, "themes"),
            insights: textField(env, data, "insights"),
          },
          callerOf(env),
          env.lang,
        );
        countMetric("dialogi.notes.saved");
        return result;
      }),
  };
}
