import { createHash } from "node:crypto";
import { CardFactory } from "botbuilder";
import type { SendReport, SeriesNotifier } from "./domain/ports";
import type { SeriesLanguage } from "./domain/types";
import type { Outbox } from "../../platform/outbox/outbox";
import type { DeliveryTarget } from "../../platform/outbox/outbox-types";
import { reminderCard, signupCard, summaryCard } from "./cards/series-cards";

const cardActivity = (card: Record<string, unknown>) => ({
  type: "message" as const,
  attachments: [CardFactory.adaptiveCard(card)],
});

/**
 * How long a coordinator's click waits for the cards to leave when this instance is the sender,
 * so the report ("sent to N, M without a chat") is true in the common case.
 */
const AWAIT_MS = 5000;

/** The request's part of an announcement's key: its id (a retry is the same), else the version. */
const requestKey = (series: { version: number }, requestId: string | undefined) =>
  requestId ? `q${requestId}` : `v${series.version}`;

const digest = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 22);

/** One series message as the outbox records it. */
interface SeriesItem {
  recipient: string;
  target: DeliveryTarget;
  payload: unknown;
}

/**
 * Sends series cards through the durable outbox: each click is one decision. An announcement or
 * reminder with a request id (the card's nonce, the tab's id of one click, reused on its retry) is
 * keyed by it: a retried or double-clicked request adds no rows and reports the same rows, while a
 * new click is a new decision (announcing or reminding again is allowed on purpose). Without one
 * (the typed `announce` command) the key is derived from what the click produced (the series'
 * version after the announcement, the reminded dialogues' versions). A published summary is keyed
 * by its version: publishing the same compiled summary again adds nothing. The rows
 * are grouped under the series id (`dialogueId` of the rows: the owner of the partition range).
 * Failures are retried by the sender and stay visible as failed rows; the report counts what was
 * sent within the wait (a row still on its way, or given up, counts as skipped).
 */
export function createSeriesNotifier(outbox: Outbox, publicUrl?: string): SeriesNotifier {
  async function record(
    seriesId: string,
    key: string,
    label: string,
    items: SeriesItem[],
  ): Promise<SendReport> {
    if (items.length === 0) return { sent: 0, skipped: 0 };
    await outbox.enqueue({ key, dialogueId: seriesId, label }, items, { awaitDeliveryMs: AWAIT_MS });
    const rows = (await outbox.deliveries(seriesId)).filter((r) => r.decisionKey === key);
    const sent = rows.filter((r) => r.status === "sent").length;
    return { sent, skipped: items.length - sent };
  }
  const lang = (l: SeriesLanguage | undefined): SeriesLanguage => l ?? "fi";
  const toUser = (aadId: string, card: Record<string, unknown>, recipient = aadId): SeriesItem => ({
    recipient,
    target: { kind: "user", userId: aadId },
    payload: cardActivity(card),
  });

  return {
    announce: (series, contacts, requestId) =>
      record(
        series.id,
        `announce|${requestKey(series, requestId)}`,
        "seriesAnnounce",
        [...new Map(contacts.map((c) => [c.aadId, c])).values()].map((c) =>
          toUser(c.aadId, signupCard(series, lang(c.lang))),
        ),
      ),

    async announceInConversation(series, conversationId, l, requestId) {
      const item: SeriesItem = {
        recipient: conversationId,
        target: { kind: "conversation", conversationId, tenantId: series.tenantId },
        payload: cardActivity(signupCard(series, l)),
      };
      const report = await record(
        series.id,
        `announceIn|${requestKey(series, requestId)}`,
        "seriesAnnounce",
        [item],
      );
      return report.sent === 1;
    },

    remind: (series, dialogues, requestId) =>
      record(
        series.id,
        // Else the reminded dialogues' versions (each reminder bumps its dialogue's version),
        // digested: a key must stay short however many dialogues one click reminds.
        requestId
          ? `remind|q${requestId}`
          : `remind|${digest(dialogues.map((d) => `${d.id}.${d.version}`).join(","))}`,
        "seriesReminder",
        dialogues.map((d) =>
          toUser(d.owner.aadId, reminderCard(series, d, lang(d.owner.lang)), `${d.owner.aadId}|${d.id}`),
        ),
      ),

    publish: (series, summary, subscribers) => {
      const downloadUrl = publicUrl
        ? `${publicUrl.replace(/\/$/, "")}/#/series/${series.id}/summary`
        : undefined;
      return record(
        series.id,
        `publish|v${summary.version}`,
        "seriesSummary",
        subscribers.map((s) =>
          toUser(s.aadId, summaryCard(summary, s.lang, { publishable: false, downloadUrl })),
        ),
      );
    },
  };
}
