import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { summaryCard } from "../cards/series-cards";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.publish`: publishes the summary and sends it to its subscribers (coordinators). */
export function createSeriesPublishAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.publish",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => {
        const actor = await seriesActor(ctx, env, c.coordinators);
        const { summary, subscribers } = await c.summaries.publish(actor, id);
        const series = await c.series.get(actor, id);
        const report = c.notifier
          ? await c.notifier.publish(series, summary, subscribers)
          : { sent: 0, skipped: subscribers.length };
        const card = summaryCard(summary, env.lang, { publishable: false });
        return { card, message: translator(env.lang, "series")("card.published", { ...report }) };
      });
    },
  };
}
