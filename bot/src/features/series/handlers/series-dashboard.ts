import type { BotCommand } from "../../../platform/teams/command";
import { dashboardCard } from "../cards/series-cards";
import type { SeriesBotContext } from "./context";
import { pickSeries, replyWith } from "./series-reply";

/** `kierroksen tilanne` / `omgångens läge` / `series dashboard [id]`: the coordinators' dashboard card. */
export function createSeriesDashboardCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "seriesDashboard",
    triggers: {
      fi: ["dialogisarjan tilanne", "kierroksen tilanne"],
      sv: ["dialogseriens läge", "omgångens läge"],
      en: ["series dashboard", "dashboard"],
    },
    listed: true,
    run: (ctx, env, args) =>
      replyWith(ctx, env, async () => {
        const { actor, series } = await pickSeries(ctx, env, c, args);
        return dashboardCard(await c.participation.dashboard(actor, series.id), env.lang);
      }),
  };
}
