import type { BotCommand } from "../../../platform/teams/command";
import { newSeriesCard } from "../cards/series-cards";
import { seriesActor, type SeriesBotContext } from "./context";
import { requireCoordinator } from "../domain/series-service";
import { replyWith } from "./series-reply";

/** `uusi kierros` / `ny omgång` / `new series`: the new-series form (coordinators; others get a translated refusal). */
export function createSeriesNewCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "seriesNew",
    // Old words ("kierros", "omgång" — now breakout rounds) stay as aliases.
    triggers: {
      fi: ["uusi dialogisarja", "uusi kierros", "uusi keskustelukierros"],
      sv: ["ny dialogserie", "ny omgång"],
      en: ["new series", "new dialogue series"],
    },
    listed: true,
    run: (ctx, env) =>
      replyWith(ctx, env, async () => {
        requireCoordinator(await seriesActor(ctx, env, c));
        return newSeriesCard(env.lang);
      }),
  };
}
