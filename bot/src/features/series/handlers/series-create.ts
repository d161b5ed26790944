import { SeriesError } from "../domain/errors";
import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { dashboardCard, newSeriesCard } from "../cards/series-cards";
import { isCardNonce } from "../domain/card-ids";
import { refusalText, seriesActor, type SeriesBotContext } from "./context";

/**
 * `series.create`: a coordinator submits the new-series form; invalid input returns the form with
 * values kept. The form is replaced by the new series' dashboard; the same card submitted again
 * (double click, retry) is recognised by its nonce and creates nothing.
 */
export function createSeriesCreateAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.create",
    async handle(ctx, env, data) {
      const actor = await seriesActor(ctx, env, c);
      try {
        const t = translator(env.lang, "series");
        // The card's nonce: a second submit of this card finds the series it made.
        const nonce = isCardNonce(data.nonce) ? data.nonce : undefined;
        const { series, created } = await c.series.createOnce(actor, data, nonce);
        const notice = t(created ? "card.created" : "card.alreadyCreated", { theme: series.theme });
        // The form is replaced by its result: the dashboard of the new series.
        return { card: dashboardCard(await c.participation.dashboard(actor, series.id), env.lang, notice) };
      } catch (err) {
        if (!(err instanceof SeriesError)) throw err;
        if (err.code !== "invalid") return { message: refusalText(env, err) };
        return { card: newSeriesCard(env.lang, data, refusalText(env, err), err.fields) };
      }
    },
  };
}
