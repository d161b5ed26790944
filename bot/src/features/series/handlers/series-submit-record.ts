import { SeriesError } from "../domain/errors";
import type { SeriesRecord } from "../domain/types";
import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { displaySeriesDate, doneCard, recordFormCard } from "../cards/series-cards";
import { payloadId, refusalText, seriesActor, type SeriesBotContext } from "./context";

/**
 * `series.submitRecord`: saves the records form. The card carries the version it was rendered
 * from; a stale or invalid submission returns the form with the typed text kept, so nothing is lost.
 */
export function createSeriesSubmitRecordAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.submitRecord",
    async handle(ctx, env, data) {
      const seriesId = payloadId(env, data, "seriesId");
      const dialogueId = payloadId(env, data, "dialogueId");
      const version = Number(data.version ?? 0);
      const t = translator(env.lang, "series");
      const actor = await seriesActor(ctx, env, c);
      try {
        await c.participation.saveRecord(
          actor,
          seriesId,
          dialogueId,
          1,
          data,
          Number.isInteger(version) ? version : -1,
        );
        const { series, dialogue } = await c.participation.getRecord(actor, seriesId, dialogueId, 1);
        // The form is replaced by its result (with a way back to edit); the same card submitted
        // again is recognised as this save (see `saveRecord`), not reported as someone's change.
        return {
          card: doneCard(
            t("card.recordTitle", {
              title: dialogue.title || dialogue.organisation,
              date: displaySeriesDate(dialogue.date),
            }),
            t("card.recordSaved", { deadline: displaySeriesDate(series.recordsDeadline) }),
            { label: t("card.editRecord"), verb: "series.recordForm", data: { seriesId, dialogueId } },
          ),
        };
      } catch (err) {
        if (!(err instanceof SeriesError)) throw err;
        if (err.code !== "invalid" && err.code !== "stale") return { message: refusalText(env, err) };
        const { dialogue, record } = await c.participation.getRecord(actor, seriesId, dialogueId, 1);
        // On "stale" the form is rebuilt on the newest version but keeps what this user typed.
        return {
          card: recordFormCard(
            dialogue,
            (err.current as SeriesRecord | undefined) ?? record,
            env.lang,
            data,
            refusalText(env, err),
            err.fields,
          ),
        };
      }
    },
  };
}
