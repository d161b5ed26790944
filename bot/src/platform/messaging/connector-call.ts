import { errorFields, type Logger } from "../../logger";
import { backoffMs } from "../backoff";
import { countMetric, withSpan } from "../telemetry/instrument";
import type { StoredConversationRef } from "../tables/conversation-refs";
import { ConversationGoneError, DeliveryError } from "./delivery-error";
import type { RateLimiter } from "./rate-limiter";
import { connectorStatus, isRetryable, retryAfterMs } from "./retry-policy";
import type { DepartureHook } from "./turn-pipeline";

/** The operation name of in-meeting notifications (their 403/404 do not mean the chat is gone). */
export const MEETING_NOTIFICATION = "meetingNotification";

/** What {@link createConnectorCall} needs: the pacing logs, the retry budget and what to do with a gone chat. */
export interface ConnectorCallOptions {
  /** Per-conversation and per-tenant pacing. */
  conversations: RateLimiter;
  tenants: RateLimiter;
  logger: Logger;
  now: () => number;
  random: () => number;
  /** Attempts per call, including the first (at least 1). */
  maxAttempts: number;
  /** Backoff when the connector gives no Retry-After: up to base·2^(n−1), capped. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** A Retry-After longer than this is not waited out: the call fails (the caller's job retries later). */
  maxRetryAfterMs: number;
  /** Forgets the reference of a conversation the connector refused for good. */
  dropReference: (ref: StoredConversationRef) => Promise<void>;
}

/**
 * Runs one connector call for `ref`'s conversation, paced and retried; `hook` is the departure
 * hook of the client the call goes through ({@link DepartureHook}).
 */
export type ConnectorCall = <T>(
  ref: StoredConversationRef,
  operation: string,
  hook: DepartureHook,
  call: () => Promise<T>,
) => Promise<T>;

/**
 * 403 (bot removed, blocked or uninstalled by the user) or 404 (conversation deleted) on a
 * send means the conversation is out of reach for good. A 404 on an update may only mean that
 * one message was deleted, so it does not drop the conversation.
 */
const isGone = (operation: string, status: number) =>
  operation !== MEETING_NOTIFICATION && (status === 403 || (status === 404 && operation === "send"));

/**
 * Creates the paced, retried connector call: 429 waits out Retry-After (else exponential backoff
 * with jitter), 412/502/503/504 and network errors are retried, 403/404 drop the reference and
 * throw {@link ConversationGoneError}, other failures surface at once as {@link DeliveryError}.
 */
export function createConnectorCall(options: ConnectorCallOptions): ConnectorCall {
  const { conversations, tenants, logger, now } = options;

  /**
   * Waits for the conversation's and the tenant's turn, and has both logs count the send again
   * when its request really leaves (the hook): a busy event loop between the grant and the wire
   * would otherwise let requests reach the service closer together than the logs believe.
   */
  async function pace(ref: StoredConversationRef, hook: DepartureHook): Promise<void> {
    const conversation = ref.conversationId;
    const tenant = ref.tenantId;
    let granted = await conversations.acquire(conversation);
    if (tenant) {
      // The tenant's queue may hold the send well past the conversation's grant.
      const tenantGrant = await tenants.acquire(tenant);
      conversations.restamp(conversation, granted, tenantGrant);
      granted = tenantGrant;
    }
    hook.onDepart = (at) => {
      conversations.restamp(conversation, granted, at);
      if (tenant) tenants.restamp(tenant, granted, at);
    };
  }

  return async function withRetry<T>(
    ref: StoredConversationRef,
    operation: string,
    hook: DepartureHook,
    call: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await pace(ref, hook);
      try {
        return await withSpan("connector.send", { operation, attempt }, call);
      } catch (err) {
        const status = connectorStatus(err);
        const hinted = status === 429 || status === 503 ? retryAfterMs(err, now()) : undefined;
        if (status === 429) countMetric("dialogi.connector.throttled", 1, { operation });
        const fields = { operation, conversationId: ref.conversationId, status, attempt };
        if (status !== undefined && isGone(operation, status)) {
          logger.warn("conversation gone; reference dropped", { ...fields, ...errorFields(err) });
          await options.dropReference(ref);
          throw new ConversationGoneError(operation, status, attempt, ref.conversationId, err);
        }
        if (!isRetryable(err) || attempt >= options.maxAttempts || (hinted ?? 0) > options.maxRetryAfterMs) {
          logger.warn("proactive message failed", { ...fields, ...errorFields(err) });
          throw new DeliveryError(operation, status, attempt, err);
        }
        const backoff = { baseMs: options.retryBaseMs, maxMs: options.retryMaxMs, jitter: "full" } as const;
        const wait = hinted ?? backoffMs(attempt, backoff, options.random);
        logger.info("proactive message retrying", { ...fields, waitMs: wait });
        // Rest the whole conversation, so other sends to it from this process wait too.
        conversations.pause(ref.conversationId, wait);
      }
    }
  };
}
