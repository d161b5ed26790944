import { translator } from "../../../platform/i18n/i18n";
import { SeriesError } from "../domain/errors";
import type { CardAction } from "../../../platform/teams/card-action";
import { displaySeriesDate, doneCard, enrolFormCard } from "../cards/series-cards";
import { isCardNonce } from "../domain/card-ids";
import { payloadId, refusalText, seriesActor, type SeriesBotContext } from "./context";

/**
 * `series.register`: registers a dialogue under the series; a refusal keeps the typed values in the
 * form. The form is replaced by the result; the same card submitted again registers nothing new.
 */
export function createSeriesEnrolAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.register",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      const t = translator(env.lang, "series");
      const actor = await seriesActor(ctx, env, c);
      try {
        const { dialogue: d, created } = await c.participation.enrolOnce(actor, id, data, {
          joinNetwork: data.joinNetwork === "true" || data.joinNetwork === true,
          nonce: isCardNonce(data.nonce) ? data.nonce : undefined,
        });
        const series = await c.series.get(actor, id);
        const facts = {
          title: d.title || d.organisation,
          date: displaySeriesDate(d.date),
          theme: series.theme,
          deadline: displaySeriesDate(series.recordsDeadline),
        };
        // The form is replaced by its result; the same card again says it is already registered.
        return {
          card: doneCard(
            t("card.registerTitle", { theme: series.theme }),
            t(created ? "card.registered" : "card.alreadyRegistered", facts),
          ),
        };
      } catch (err) {
        if (!(err instanceof SeriesError)) throw err;
        if (err.code !== "invalid" && err.code !== "dialogueNotFound")
          return { message: refusalText(env, err) };
        const series = await c.series.get(actor, id);
        // Each problem also under its input (an unknown dialogue id under the id).
        return { card: enrolFormCard(series, env.lang, data, refusalText(env, err), err.fields) };
      }
    },
  };
}
