import type { CardAction } from "../../../platform/teams/card-action";
import { summaryCard } from "../cards/series-cards";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.compile`: compiles the summary draft and shows it with a publish button (coordinators). */
export function createSeriesCompileAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.compile",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => {
        const summary = await c.summaries.compile(await seriesActor(ctx, env, c.coordinators), id, {});
        return { card: summaryCard(summary, env.lang, { publishable: true }) };
      });
    },
  };
}
