import type { BotCommand } from "../../../platform/teams/command";
import { newSeriesCard } from "../cards/series-cards";
import { seriesActor, type SeriesBotContext } from "./context";
import { requireCoordinator } from "../domain/series-service";
import { replyWith } from "./series-reply";

/** `uusi dialogisarja` / `ny dialogserie` / `new series`: the new-series form (coordinators; others get a translated refusal). */
export function createSeriesNewCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "seriesNew",
    // Not "kierros" / "omgång": those are a dialogue's breakout rounds now (one word per meaning).
    triggers: {
      fi: ["uusi dialogisarja"],
      sv: ["ny dialogserie"],
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
