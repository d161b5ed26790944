import type { CardAction, CardActionResult } from "../../../platform/teams/card-action";
import { translator } from "../../../platform/i18n/i18n";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { dashboardCard, recordFormCard, enrolFormCard, summaryCard } from "../cards/series-cards";
import { isRequestId } from "../domain/card-ids";
import { payloadId, seriesActor, withRefusals, type SeriesBotContext } from "./context";

type Actor = Awaited<ReturnType<typeof seriesActor>>;

/** A series verb that acts on one series (`seriesId` in the card data) for the authenticated actor. */
type SeriesOp = (
  c: SeriesBotContext,
  actor: Actor,
  seriesId: string,
  env: TurnEnv,
  data: Record<string, unknown>,
) => Promise<CardActionResult>;

/**
 * The series card verbs that act on one series. Roles are checked by the services against the
 * authenticated actor (never the payload); refusals become translated messages.
 */
export const SERIES_VERBS: Record<string, SeriesOp> = {
  /** Shows the dialogue registration form of a series. */
  "series.signup": async (c, actor, id, env) => ({
    card: enrolFormCard(await c.series.get(actor, id), env.lang),
  }),
  /** The records form of one of the user's dialogues (prefilled when records exist). */
  "series.recordForm": async (c, actor, id, env, data) => {
    const dialogueId = payloadId(env, data, "dialogueId");
    const { dialogue, record } = await c.participation.getRecord(actor, id, dialogueId, 1);
    return { card: recordFormCard(dialogue, record, env.lang) };
  },
  /**
   * One click reminds every organiser whose records are missing (coordinators). The card's nonce
   * keys it: a second click on the same card (or Teams retrying it) reminds nobody again; the
   * refreshed card has a new nonce, so a later click does.
   */
  "series.remind": async (c, actor, id, env, data) => {
    const requestId = isRequestId(data.nonce) ? data.nonce : undefined;
    const { series, dialogues } = await c.participation.remind(actor, id, undefined, requestId);
    const report = c.notifier
      ? await c.notifier.remind(series, dialogues, requestId)
      : { sent: 0, skipped: dialogues.length };
    const notice = translator(env.lang, "series")("card.reminded", { ...report });
    return { card: dashboardCard(await c.participation.dashboard(actor, id), env.lang, notice) };
  },
  /** Compiles the summary draft and shows it with a publish button (coordinators). */
  "series.compile": async (c, actor, id, env) => {
    const summary = await c.summaries.compile(actor, id, {});
    return { card: summaryCard(summary, env.lang, { publishable: true }) };
  },
  /** Publishes the summary and sends it to its subscribers (coordinators). */
  "series.publish": async (c, actor, id, env) => {
    const { summary, subscribers } = await c.summaries.publish(actor, id);
    const series = await c.series.get(actor, id);
    const report = c.notifier
      ? await c.notifier.publish(series, summary, subscribers)
      : { sent: 0, skipped: subscribers.length };
    const card = summaryCard(summary, env.lang, { publishable: false });
    return { card, message: translator(env.lang, "series")("card.published", { ...report }) };
  },
  /** A summary user asks to get the published summary in Teams. */
  "series.subscribe": async (c, actor, id, env) => {
    await c.summaries.subscribe(actor, id);
    return { message: translator(env.lang, "series")("card.subscribed") };
  },
};

/** One card action per entry of {@link SERIES_VERBS}. */
export function createSeriesVerbActions(c: SeriesBotContext): CardAction[] {
  return Object.entries(SERIES_VERBS).map(([verb, op]) => ({
    verb,
    async handle(ctx, env, data) {
      const id = payloadId(env, data, "seriesId");
      return withRefusals(env, async () => op(c, await seriesActor(ctx, env, c), id, env, data));
    },
  }));
}
