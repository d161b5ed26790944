import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.subscribe`: a summary user asks to get the published summary in Teams. */
export function createSeriesSubscribeAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.subscribe",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => {
        await c.summaries.subscribe(await seriesActor(ctx, env, c.coordinators), id);
        return { message: translator(env.lang, "series")("card.subscribed") };
      });
    },
  };
}
