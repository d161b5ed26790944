import type { MeetingNotification, MeetingNotificationResponse, MeetingSurface } from "botframework-schema";
import { errorFields, type Logger } from "../../../logger";
import { connectorStatus } from "../../../platform/messaging/retry-policy";
import type { Dialogue, DialogueLanguage } from "../../dialogues";
import { threadIdOf } from "../domain/thread";
import type { LinkRepository } from "../store/link-repository";
import type { Outbox } from "../../../platform/outbox/outbox";

/**
 * Recipients per notification: Teams documents targeted meeting notifications for at most 10
 * participants per call (apps-in-teams-meetings/in-meeting-notification-for-meeting.md).
 */
export const NOTICE_BATCH = 10;

/** Size of the meeting-stage dialog the notification opens (pixels, as Teams wants strings). */
const STAGE = { height: "360", width: "400" };

/** One person to notify: their Teams user id (MRI, `29:…`) and the language they read. */
export interface NoticeRecipient {
  teamsId: string;
  lang: DialogueLanguage;
}

/** Counts of one notice (recipients, not calls). */
export interface NoticeCount {
  sent: number;
  failed: number;
}

/** What sends a notification through the meeting chat (the messenger: paced, retried on 429). */
export interface MeetingNotificationSender {
  sendMeetingNotification(
    chatId: string,
    meetingId: string,
    notification: MeetingNotification,
    options: { tenantId: string },
  ): Promise<MeetingNotificationResponse | undefined>;
}

/** Targeted in-meeting notifications about a dialogue (the rounds feature's port). */
export interface MeetingNotices {
  /**
   * Notifies `recipients` in the dialogue's Teams meeting, each with `title` in their language.
   * Does nothing when the dialogue has no meeting the bot is in; throws only when the outbox
   * cannot record it.
   */
  notify(
    dialogue: Dialogue,
    recipients: readonly NoticeRecipient[],
    title: (lang: DialogueLanguage) => string,
    /** With the outbox: the decision's key (a rerun sends nothing twice) and label. */
    decision?: { key: string; label: string },
  ): Promise<NoticeCount>;
}

/** No meeting, no notices (tests and compositions without the meetings feature). */
export const NO_MEETING_NOTICES: MeetingNotices = { notify: async () => ({ sent: 0, failed: 0 }) };

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Targeted in-meeting notifications (`POST /v1/meetings/{id}/notification`). The dialogue's
 * meeting is its linked meeting chat (side panel or Graph-made event) or, failing that, the chat of
 * its pasted Teams join link; its meeting id is the one the bot last saw in an activity from that
 * chat. Recipients are grouped by language and sent 10 a call through the messenger. A refusal
 * (403: the bot is not in the meeting, 404: meeting gone) is logged with ids and counted; the
 * personal messages that go out with every notice are unaffected.
 */
export function createMeetingNotices(deps: {
  links: LinkRepository;
  sender: MeetingNotificationSender;
  logger: Logger;
  /** Where the tab is served; the stage dialog opens its meeting view. Without it only the icon badge. */
  publicUrl?: string;
  /**
   * The durable outbox: with it (and a decision key) each call of 10 recipients is a delivery
   * row, sent, retried and shown when it fails by the outbox's one sender.
   */
  outbox?: Outbox;
}): MeetingNotices {
  const base = deps.publicUrl?.replace(/\/+$/, "");

  const surfaces = (title: string): MeetingSurface[] => [
    ...(base
      ? [
          {
            surface: "meetingStage" as const,
            contentType: "task" as const,
            content: { value: { ...STAGE, title, url: `${base}/#/facilitator` } },
          },
        ]
      : []),
    { surface: "meetingTabIcon" as const },
  ];

  /** The meeting chat and meeting id of the dialogue, or undefined when it has none the bot knows. */
  async function meetingOf(d: Dialogue): Promise<{ threadId: string; meetingId: string } | undefined> {
    const threadId = (await deps.links.threadOf(d.id)) ?? threadIdOf(d.meetingUrl);
    if (!threadId) return undefined;
    // An organiser may have linked the chat to another dialogue since: that one owns it now.
    const link = await deps.links.find(threadId);
    if (link && link.dialogueId !== d.id) return undefined;
    const meetingId = await deps.links.meetingId(threadId);
    if (!meetingId) {
      deps.logger.info("meeting not seen by the bot yet; no in-meeting notification", { dialogueId: d.id });
      return undefined;
    }
    return { threadId, meetingId };
  }

  return {
    async notify(d, recipients, title, decision) {
      const count: NoticeCount = { sent: 0, failed: 0 };
      const unique = [...new Map(recipients.map((r) => [r.teamsId, r])).values()];
      if (!unique.length) return count;
      let meeting: Awaited<ReturnType<typeof meetingOf>>;
      try {
        meeting = await meetingOf(d);
      } catch (err) {
        deps.logger.warn("meeting link not read; no in-meeting notification", {
          dialogueId: d.id,
          ...errorFields(err),
        });
        return count;
      }
      if (!meeting) return count;
      const byLang = new Map<DialogueLanguage, string[]>();
      for (const r of unique) byLang.set(r.lang, [...(byLang.get(r.lang) ?? []), r.teamsId]);
      const batches = [...byLang].flatMap(([lang, ids]) =>
        chunks(ids, NOTICE_BATCH).map((batch) => ({ lang, batch })),
      );
      const notificationOf = (lang: DialogueLanguage, batch: string[]): MeetingNotification => ({
        type: "targetedMeetingNotification",
        value: { recipients: batch, surfaces: surfaces(title(lang)) },
      });
      if (deps.outbox && decision) {
        const target = { kind: "meeting" as const, chatId: meeting.threadId, meetingId: meeting.meetingId };
        await deps.outbox.enqueue(
          { ...decision, dialogueId: d.id },
          batches.map(({ lang, batch }, i) => ({
            recipient: `${lang}-${i}`,
            target: { ...target, tenantId: d.tenantId },
            payload: notificationOf(lang, batch),
          })),
        );
        count.sent = unique.length;
        return count;
      }
      for (const [i, { lang, batch }] of batches.entries()) {
        const notification = notificationOf(lang, batch);
        const ids = { dialogueId: d.id, meetingId: meeting.meetingId, conversationId: meeting.threadId };
        let res: MeetingNotificationResponse | undefined;
        try {
          res = await deps.sender.sendMeetingNotification(meeting.threadId, meeting.meetingId, notification, {
            tenantId: d.tenantId,
          });
        } catch (err) {
          const status = connectorStatus(err);
          deps.logger.warn("in-meeting notification failed", { ...ids, status, ...errorFields(err) });
          // 403 (the bot is not in the meeting) and 404 (no such meeting) hold for every batch.
          if (status !== 403 && status !== 404) {
            count.failed += batch.length;
            continue;
          }
          count.failed += batches.slice(i).reduce((n, b) => n + b.batch.length, 0);
          break;
        }
        if (!res) {
          deps.logger.info("bot holds no reference to the meeting chat; no in-meeting notification", ids);
          count.failed += batches.slice(i).reduce((n, b) => n + b.batch.length, 0);
          break;
        }
        const missed = res.recipientsFailureInfo?.length ?? 0;
        count.sent += batch.length - missed;
        count.failed += missed;
        if (missed) {
          const codes = new Set(res.recipientsFailureInfo!.map((f) => f.errorCode));
          deps.logger.warn("in-meeting notification missed some recipients", {
            ...ids,
            missed,
            errorCodes: [...codes].join(","),
          });
        }
      }
      return count;
    },
  };
}
