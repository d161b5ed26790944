import { CardFactory, MessageFactory } from "botbuilder";
import type { BotCommand } from "../../../platform/teams/command";
import { signupCard } from "../cards/series-cards";
import type { SeriesBotContext } from "./context";
import { translator } from "../../../platform/i18n/i18n";
import { pickSeries, replyWith } from "./series-reply";

/**
 * `julkaise kierros` / `annonsera omgång` / `announce [id]`: posts the sign-up card into this
 * conversation (the organisers' network channel) and to every regular organiser contact (coordinators).
 */
export function createSeriesAnnounceCommand(c: SeriesBotContext): BotCommand {
  return {
    id: "seriesAnnounce",
    // Old words ("kierros", "omgång" — now breakout rounds) stay as aliases.
    triggers: {
      fi: ["julkaise dialogisarja", "julkaise kierros", "ilmoita kierros"],
      sv: ["annonsera dialogserie", "annonsera omgång"],
      en: ["announce", "announce series"],
    },
    listed: true,
    run: (ctx, env, args) =>
      replyWith(ctx, env, async () => {
        const { actor, series: picked } = await pickSeries(ctx, env, c, args);
        const { series } = await c.series.markAnnounced(actor, picked.id);
        await ctx.sendActivity(
          MessageFactory.attachment(CardFactory.adaptiveCard(signupCard(series, env.lang))),
        );
        const contacts = await c.organisers.contacts(series.tenantId);
        const report = c.notifier
          ? await c.notifier.announce(series, contacts)
          : { sent: 0, skipped: contacts.length };
        return translator(env.lang, "series")("card.announced", { ...report });
      }),
  };
}
