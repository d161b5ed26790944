import type { Activity, MeetingNotification } from "botframework-schema";
import type { MailMessage, MailSender } from "../mail/mail-sender";
import type { DialogiMessenger } from "../messaging/messenger";
import type { RateLimiter } from "../messaging/rate-limiter";
import type { Deliver } from "./outbox-types";

/** The recipient cannot be reached through Teams (no stored conversation): retrying cannot help. */
export class UnreachableError extends Error {
  override name = "UnreachableError";
  readonly permanent = true;
  constructor() {
    super("no conversation to send through");
  }
}

/** What {@link createDeliver} sends through. */
export interface DeliverDeps {
  messenger: DialogiMessenger;
  /** The mailbox's own sender (Graph or the dev outbox); absent when mail is off. */
  mail?: MailSender;
  /** Paces mail below the mailbox's limits (per minute and per day); one key: the mailbox. */
  mailLimiter?: RateLimiter;
}

/** Routes a delivery row to the messenger or the mailbox, by its target. */
export function createDeliver(deps: DeliverDeps): Deliver {
  return async (row, payload) => {
    const t = row.target;
    switch (t.kind) {
      case "user": {
        const sent = await deps.messenger.sendToUser(t.userId, payload as Partial<Activity>, {
          ...(t.via ? { via: t.via } : {}),
          ...(t.tenantId ? { tenantId: t.tenantId } : {}),
        });
        if (!sent) throw new UnreachableError();
        return { activityId: sent.activityId };
      }
      case "conversation": {
        const sent = await deps.messenger.sendToConversation(
          t.conversationId,
          payload as Partial<Activity>,
          t.tenantId ? { tenantId: t.tenantId } : {},
        );
        if (!sent) throw new UnreachableError();
        return { activityId: sent.activityId };
      }
      case "update":
        await deps.messenger.updateActivity(t.conversationId, t.activityId, payload as Partial<Activity>);
        return;
      case "meeting": {
        const res = await deps.messenger.sendMeetingNotification(
          t.chatId,
          t.meetingId,
          payload as MeetingNotification,
          { tenantId: t.tenantId },
        );
        if (!res) throw new UnreachableError();
        return;
      }
      case "mail": {
        if (!deps.mail) throw new UnreachableError();
        await deps.mailLimiter?.acquire("mailbox");
        await deps.mail.send(payload as MailMessage);
        return;
      }
    }
  };
}
