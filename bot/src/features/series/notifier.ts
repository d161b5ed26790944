import { CardFactory } from "botbuilder";
import type { SendReport, SeriesNotifier } from "./domain/ports";
import type { SeriesLanguage } from "./domain/types";
import { errorFields, type Logger } from "../../logger";
import type { Messenger } from "../../platform/messaging/messenger-types";
import { reminderCard, signupCard, summaryCard } from "./cards/series-cards";

const cardActivity = (card: Record<string, unknown>) => ({
  type: "message" as const,
  attachments: [CardFactory.adaptiveCard(card)],
});

/**
 * Sends series cards through the Messenger (which handles stored references, 1:1 chat creation
 * and Teams throttling). One failed recipient never stops the others; logs carry ids only.
 */
export function createSeriesNotifier(
  messenger: Messenger,
  logger: Logger,
  publicUrl?: string,
): SeriesNotifier {
  async function each<T>(items: readonly T[], send: (item: T) => Promise<boolean>): Promise<SendReport> {
    let sent = 0;
    for (const item of items) {
      try {
        if (await send(item)) sent++;
      } catch (err) {
        logger.warn("series message not sent", errorFields(err));
      }
    }
    return { sent, skipped: items.length - sent };
  }
  const lang = (l: SeriesLanguage | undefined): SeriesLanguage => l ?? "fi";

  return {
    announce: (series, contacts) =>
      each(
        contacts,
        async (c) => !!(await messenger.sendToUser(c.aadId, cardActivity(signupCard(series, lang(c.lang))))),
      ),

    async announceInConversation(series, conversationId, l) {
      const card = cardActivity(signupCard(series, l));
      return !!(await messenger.sendToConversation(conversationId, card, { tenantId: series.tenantId }));
    },

    remind: (series, dialogues) =>
      each(dialogues, async (d) => {
        const card = reminderCard(series, d, lang(d.owner.lang));
        return !!(await messenger.sendToUser(d.owner.aadId, cardActivity(card)));
      }),

    publish: (series, summary, subscribers) =>
      each(subscribers, async (s) => {
        const downloadUrl = publicUrl
          ? `${publicUrl.replace(/\/$/, "")}/#/series/${series.id}/summary`
          : undefined;
        const card = summaryCard(summary, s.lang, { publishable: false, downloadUrl });
        return !!(await messenger.sendToUser(s.aadId, cardActivity(card)));
      }),
  };
}
