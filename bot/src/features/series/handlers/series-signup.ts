import type { CardAction } from "../../../platform/teams/card-action";
import { registerFormCard } from "../cards/series-cards";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.signup`: shows the dialogue registration form of a series. */
export function createSeriesSignupAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.signup",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => {
        const actor = await seriesActor(ctx, env, c.coordinators);
        const series = await c.series.get(actor, id);
        return { card: registerFormCard(series, env.lang) };
      });
    },
  };
}
