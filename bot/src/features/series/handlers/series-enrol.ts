import { translator } from "../../../platform/i18n/i18n";
import { SeriesError } from "../domain/errors";
import type { CardAction } from "../../../platform/teams/card-action";
import { displaySeriesDate, enrolFormCard } from "../cards/series-cards";
import { payloadId, refusalText, seriesActor, type SeriesBotContext } from "./context";

/** `series.register`: registers a dialogue under the series; a refusal keeps the typed values in the form. */
export function createSeriesEnrolAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.register",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      const t = translator(env.lang, "series");
      const actor = await seriesActor(ctx, env, c);
      try {
        const d = await c.participation.enrol(actor, id, data, {
          joinNetwork: data.joinNetwork === "true" || data.joinNetwork === true,
        });
        const series = await c.series.get(actor, id);
        return {
          message: t("card.registered", {
            title: d.title || d.organisation,
            date: displaySeriesDate(d.date),
            theme: series.theme,
            deadline: displaySeriesDate(series.recordsDeadline),
          }),
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
