import type { MeetingNotification, MeetingSurface } from "botframework-schema";
import { errorFields, type Logger } from "../../../logger";
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
    /** The decision's key (derived from the round and its end: a rerun sends nothing twice) and label. */
    decision: { key: string; label: string },
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
 * chat. Recipients are grouped by language, 10 a call, each call one row in the durable outbox
 * (the sender delivers through the messenger). A refusal (403: the bot is not in the meeting,
 * 404: meeting gone) is a failed row the organisers see; the personal messages that go out with
 * every notice are unaffected.
 */
export function createMeetingNotices(deps: {
  links: LinkRepository;
  logger: Logger;
  /** Where the tab is served; the stage dialog opens its meeting view. Without it only the icon badge. */
  publicUrl?: string;
  /**
   * The durable outbox: each call of 10 recipients is a delivery row, sent (through the
   * messenger's `sendMeetingNotification`), retried and shown when it fails by its one sender.
   */
  outbox: Outbox;
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
    },
  };
}
