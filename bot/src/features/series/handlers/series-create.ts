import { SeriesError } from "../domain/errors";
import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { newSeriesCard } from "../cards/series-cards";
import { refusalText, seriesActor, type SeriesBotContext } from "./context";

/** `series.create`: a coordinator submits the new-series form; invalid input returns the form with values kept. */
export function createSeriesCreateAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.create",
    async handle(ctx, env, data) {
      const actor = await seriesActor(ctx, env, c);
      try {
        const s = await c.series.create(actor, data);
        return { message: translator(env.lang, "series")("card.created", { theme: s.theme }) };
      } catch (err) {
        if (!(err instanceof SeriesError)) throw err;
        if (err.code !== "invalid") return { message: refusalText(env, err) };
        return { card: newSeriesCard(env.lang, data, refusalText(env, err), err.fields) };
      }
    },
  };
}
