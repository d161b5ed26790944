import { translator } from "../../../platform/i18n/i18n";
import type { CardAction } from "../../../platform/teams/card-action";
import { dashboardCard } from "../cards/series-cards";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.remind`: one click reminds every organiser whose records are missing (coordinators). */
export function createSeriesRemindAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.remind",
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => {
        const actor = await seriesActor(ctx, env, c.coordinators);
        const { series, dialogues } = await c.participation.remind(actor, id);
        const report = c.notifier
          ? await c.notifier.remind(series, dialogues)
          : { sent: 0, skipped: dialogues.length };
        const notice = translator(env.lang, "series")("card.reminded", { ...report });
        return { card: dashboardCard(await c.participation.dashboard(actor, id), env.lang, notice) };
      });
    },
  };
}
