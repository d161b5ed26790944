import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import type { SeriesActor } from "../domain/access";
import { SeriesError } from "../domain/errors";
import type { Series } from "../domain/types";
import { refusalText, seriesActor, type SeriesBotContext } from "./context";
import type { TurnEnv } from "../../../platform/teams/turn-env";

/** Sends a card, or the translated refusal when the use case refused. */
export async function replyWith(
  ctx: TurnContext,
  env: TurnEnv,
  fn: () => Promise<Record<string, unknown> | string>,
): Promise<void> {
  try {
    const out = await fn();
    await ctx.sendActivity(
      typeof out === "string" ? out : MessageFactory.attachment(CardFactory.adaptiveCard(out)),
    );
  } catch (err) {
    if (!(err instanceof SeriesError)) throw err;
    await ctx.sendActivity(refusalText(env, err));
  }
}

/**
 * The series a coordinator command is about: the id typed after the command, or the newest
 * series of the tenant ("notFound" when there is none).
 */
export async function pickSeries(
  ctx: TurnContext,
  env: TurnEnv,
  c: SeriesBotContext,
  args: string,
): Promise<{ actor: SeriesActor; series: Series }> {
  const actor = await seriesActor(ctx, env, c);
  const id = args.trim().split(" ")[0];
  if (id) return { actor, series: await c.series.get(actor, id) };
  const [newest] = await c.series.list(actor);
  if (!newest) throw new SeriesError("notFound");
  return { actor, series: newest };
}
