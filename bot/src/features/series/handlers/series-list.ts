import type { BotCommand } from "../../../platform/teams/command";
import { listCard } from "../cards/series-cards";
import { seriesActor, type SeriesBotContext } from "./context";
import { replyWith } from "./series-reply";

/** `kierrokset` / `omgångar` / `series`: open series to sign up for and the user's own registered dialogues. */
export function createSeriesListCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "series",
    triggers: {
      fi: ["dialogisarjat", "kierrokset", "keskustelukierrokset"],
      sv: ["dialogserier", "omgångar", "dialogomgångar"],
      en: ["series", "dialogue series", "dialogue rounds"],
    },
    listed: true,
    run: (ctx, env) =>
      replyWith(ctx, env, async () => {
        const actor = await seriesActor(ctx, env, c);
        const all = await c.series.list(actor);
        const open = await c.series.listOpen(actor);
        const mine = [];
        // Few series run at once; their own dialogues are read per series (one partition each).
        for (const series of all.slice(0, 5)) {
          const { dialogues, records } = await c.participation.listDialogues(
            { ...actor, coordinator: false },
            series.id,
          );
          const reported = new Set(records.map((r) => r.seriesDialogueId));
          for (const dialogue of dialogues)
            mine.push({ series, dialogue, hasRecords: reported.has(dialogue.id) });
        }
        return listCard(open, mine, env.lang);
      }),
  };
}
