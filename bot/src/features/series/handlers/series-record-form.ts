import type { CardAction } from "../../../platform/teams/card-action";
import { recordFormCard } from "../cards/series-cards";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

/** `series.recordForm`: the records form of one of the user's dialogues (prefilled when records exist). */
export function createSeriesRecordFormAction(c: SeriesBotContext): CardAction {
  return {
    verb: "series.recordForm",
    async handle(ctx, env, data) {
      const seriesId = payloadId(env, data, "seriesId");
      const dialogueId = payloadId(env, data, "dialogueId");
      return withRefusals(env, async () => {
        const actor = await seriesActor(ctx, env, c.coordinators);
        const { dialogue, record } = await c.participation.getRecord(actor, seriesId, dialogueId, 1);
        return { card: recordFormCard(dialogue, record, env.lang) };
      });
    },
  };
}
