import type { BotCommand } from "../../../platform/teams/command";
import { summaryCard } from "../cards/series-cards";
import type { SeriesBotContext } from "./context";
import { pickSeries, replyWith } from "./series-reply";

/**
 * `kierroksen yhteenveto` / `omgångens sammanfattning` / `series summary [id]`: compiles the draft
 * and shows it with a publish button (coordinators).
 */
export function createSeriesSummaryCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "seriesSummary",
    triggers: {
      fi: ["dialogisarjan yhteenveto", "kierroksen yhteenveto"],
      sv: ["dialogseriens sammanfattning", "omgångens sammanfattning"],
      en: ["series summary"],
    },
    listed: true,
    run: (ctx, env, args) =>
      replyWith(ctx, env, async () => {
        const { actor, series } = await pickSeries(ctx, env, c, args);
        const summary = await c.summaries.compile(actor, series.id, {});
        return summaryCard(summary, env.lang, { publishable: true });
      }),
  };
}
