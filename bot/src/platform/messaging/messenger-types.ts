import type { Activity } from "botframework-schema";

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
