import type { PacingHandover } from "./pacing-handover";
import type { Activity, MeetingNotification, MeetingNotificationResponse } from "botframework-schema";
import type { FanOutOptions, FanOutResult } from "./fan-out";

/** Result of a proactive send. */
export interface SentActivity {
  conversationId: string;
  activityId?: string;
}

/**
 * Proactive messaging seam (the outbound connector). Uses the conversation references stored
 * by the bot, creates personal chats when needed, and backs off on Teams throttling
 * (429 with Retry-After, 412/502/504) before giving up. Tests stub this seam or point it at the
 * connector recorder.
 */
export interface Messenger {
  /** Sends to a user's personal chat with the bot (by AAD object id). Undefined when the user has no stored reference. */
  sendToUser(userAadId: string, activity: Partial<Activity>): Promise<SentActivity | undefined>;
  /** Sends to a channel or group chat the bot is in (by conversation id). */
  /**
   * With `tenantId`, sends only when the stored conversation belongs to that tenant (otherwise
   * undefined, as for an unknown conversation), so callers cannot post into another tenant.
   */
  sendToConversation(
    conversationId: string,
    activity: Partial<Activity>,
    options?: { tenantId?: string },
  ): Promise<SentActivity | undefined>;
  /** Replaces a previously sent activity (e.g. an invitation card after an edit). */
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<void>;
}

/** Options of {@link DialogiMessenger.sendToUser}. */
export interface SendToUserOptions {
  /**
   * A channel or group chat the user and the bot share. When the user has never chatted with
   * the bot, a personal chat is created through it.
   */
  via?: string;
  /**
   * Only a user whose chat with the bot is in this tenant: an object id typed into card data may
   * be anyone's, and the bot must not message another tenant's user for someone.
   */
  tenantId?: string;
}

/** The {@link Messenger} with the extras this implementation offers. */
export interface DialogiMessenger extends Messenger {
  /** The pacing state the outbox hands to the next sender at an orderly stop. */
  readonly pacing?: PacingHandover;
  /** {@link Messenger.sendToUser}, creating a personal chat through `options.via` when the user has none. */
  sendToUser(
    userAadId: string,
    activity: Partial<Activity>,
    options?: SendToUserOptions,
  ): Promise<SentActivity | undefined>;
  /** Sends one activity per user (deduplicated) with bounded concurrency; never throws per user. */
  sendToMany(
    userIds: readonly string[],
    buildActivity: (userId: string) => Partial<Activity> | Promise<Partial<Activity>>,
    options?: FanOutOptions,
  ): Promise<FanOutResult>;
  /**
   * Sends a targeted in-meeting notification (`POST /v1/meetings/{meetingId}/notification`)
   * through the meeting chat the bot is in, paced like a message to that chat. Undefined when the
   * bot holds no reference to the chat (or it belongs to another tenant). A refusal (403: bot
   * not in the meeting, 404: meeting gone) throws a `DeliveryError` but keeps the chat's
   * reference: it says nothing about the chat's messages.
   */
  sendMeetingNotification(
    chatId: string,
    meetingId: string,
    notification: MeetingNotification,
    options: { tenantId: string },
  ): Promise<MeetingNotificationResponse | undefined>;
}
