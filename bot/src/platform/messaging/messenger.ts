import type { CloudAdapter, TurnContext } from "botbuilder";
import type { Activity, ConversationReference } from "botframework-schema";
import type { Logger } from "../../logger";
import type { ConversationRefRepository, StoredConversationRef } from "../tables/conversation-refs";
import { createConnectorCall, MEETING_NOTIFICATION } from "./connector-call";
import { NoReferenceError } from "./delivery-error";
import { sendToMany } from "./fan-out";
import { createPacingHandover } from "./pacing-handover";
import type { DialogiMessenger, SentActivity } from "./messenger-types";
import { createPersonalChat, type PersonalChatDeps } from "./personal-chat";
import {
  createRateLimiter,
  evenGapMs,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  type RateLimiter,
} from "./rate-limiter";
import { createReferenceUpkeep } from "./reference-upkeep";
import { createTurnClients } from "./turn-clients";
import { captureOutcome, settleOutcome, type TurnOutcome } from "./turn-outcome";
import type { DepartureHook } from "./turn-pipeline";

// Callers import the messenger's types from here, where the messenger is made.
export type { DialogiMessenger, SendToUserOptions } from "./messenger-types";

/** Options for {@link createMessenger}. */
export interface MessengerOptions {
  /** The app's adapter (DialogiAdapter), so proactive sends use the same credentials as replies. */
  adapter: CloudAdapter;
  /** The bot's app id ("" when channel auth is off, as in local development). */
  appId: string | undefined;
  conversationRefs: ConversationRefRepository;
  logger: Logger;
  /** Waits between attempts and for pacing; tests pass a spy that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** Clock in ms for the pacing limiters and Retry-After dates. */
  now?: () => number;
  /** Attempts per call, including the first. Default 5. */
  maxAttempts?: number;
  /** Backoff when the connector gives no Retry-After: up to base·2^(n−1), capped. Defaults 1 s / 30 s. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A Retry-After longer than this is not waited out: the call fails (the caller's job retries later). Default 60 s. */
  maxRetryAfterMs?: number;
  random?: () => number;
  /**
   * Safety margin added to every pacing window (`marginMs` of the rate limiter).
   * Default 50 ms: pacing exactly at Teams' limits drew a 429 (each costing a Retry-After of at
   * least a second) for ~5% of sends on a loopback connector that enforces them; 50 ms removed
   * them for ≤ 5% of the tenant's 50/s (bench/sections/fanout.ts).
   */
  paceMarginMs?: number;
  /** Per-conversation and per-tenant pacing (default: Teams' published limits, with the margin). */
  conversationLimiter?: RateLimiter;
  tenantLimiter?: RateLimiter;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Creates the messenger. Every connector call is paced (Teams' per-conversation and per-tenant
 * limits) and retried on 429 (after Retry-After, else exponential backoff with jitter) and on
 * 412/502/503/504 and network errors; other failures surface at once as a `DeliveryError`
 * (see {@link createConnectorCall}).
 */
export function createMessenger(options: MessengerOptions): DialogiMessenger {
  const { adapter, conversationRefs, logger } = options;
  const appId = options.appId ?? "";
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const marginMs = options.paceMarginMs ?? 50;
  const conversations =
    options.conversationLimiter ??
    createRateLimiter({ windows: TEAMS_CONVERSATION_LIMITS, now, sleep, marginMs });
  const tenants =
    options.tenantLimiter ??
    createRateLimiter({
      windows: TEAMS_TENANT_LIMITS,
      now,
      sleep,
      marginMs,
      // The tenant's 50/s is the bottleneck of a dialogue day: spread, so no bunch arrives late.
      // Half the even gap: the window still sets the pace, and a wake-up that came late is
      // made up by the next ones rather than slowing every send after it.
      minGapMs: evenGapMs(TEAMS_TENANT_LIMITS) / 2,
    });
  const references = createReferenceUpkeep(conversationRefs, logger);
  const clients = createTurnClients(adapter, now);
  const call = createConnectorCall({
    conversations,
    tenants,
    logger,
    now,
    random: options.random ?? Math.random,
    maxAttempts: Math.max(1, options.maxAttempts ?? 5),
    retryBaseMs: options.retryBaseMs ?? 1000,
    retryMaxMs: options.retryMaxMs ?? 30_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    dropReference: (ref) => references.drop(ref),
  });
  const personalChat: PersonalChatDeps = { adapter, appId, clients, call, references, logger };

  /** Continues the stored conversation and runs `op` with retries; errors reach the caller. */
  async function inConversation<T>(
    ref: StoredConversationRef,
    operation: string,
    op: (ctx: TurnContext, hook: DepartureHook) => Promise<T>,
  ): Promise<T> {
    const reference = JSON.parse(ref.reference) as Partial<ConversationReference>;
    let outcome: TurnOutcome<T> | undefined;
    await adapter.continueConversationAsync(appId, reference, async (ctx) => {
      const hook: DepartureHook = {};
      clients.prepare(ctx, hook);
      outcome = await captureOutcome(() => call(ref, operation, hook, () => op(ctx, hook)));
    });
    return settleOutcome(outcome, operation);
  }

  const send = (ref: StoredConversationRef, activity: Partial<Activity>) =>
    inConversation(ref, "send", async (ctx): Promise<SentActivity> => {
      const res = await ctx.sendActivity(activity);
      return { conversationId: ctx.activity.conversation.id, activityId: res?.id };
    });

  const messenger: DialogiMessenger = {
    pacing: createPacingHandover({ conversations, tenants }, now),
    async sendToUser(userAadId, activity, sendOptions = {}) {
      const ref = await conversationRefs.get("user", userAadId);
      const want = sendOptions.tenantId?.toLowerCase();
      const otherTenant = (r: { tenantId?: string }) => !!want && r.tenantId?.toLowerCase() !== want;
      if (ref && otherTenant(ref)) return undefined;
      if (ref) {
        const sent = await send(ref, activity);
        await references.rememberByConversation(ref);
        return sent;
      }
      if (sendOptions.via) {
        const via = await conversationRefs.get("conversation", sendOptions.via);
        if (via && !otherTenant(via)) return createPersonalChat(personalChat, userAadId, via, activity);
      }
      // No ids here: the user id is personal data and the caller knows whom it asked about.
      logger.info("no reference", { operation: "sendToUser" });
      return undefined;
    },

    async sendToConversation(conversationId, activity, options = {}) {
      const stored = await conversationRefs.get("conversation", conversationId);
      const foreign =
        options.tenantId !== undefined && stored?.tenantId?.toLowerCase() !== options.tenantId.toLowerCase();
      const ref = foreign ? undefined : stored;
      if (!ref) {
        logger.info("no reference", { operation: "sendToConversation", conversationId });
        return undefined;
      }
      return send(ref, activity);
    },

    async updateActivity(conversationId, activityId, activity) {
      const ref = await conversationRefs.get("conversation", conversationId);
      if (!ref) {
        logger.warn("no reference", { operation: "updateActivity", conversationId, activityId });
        throw new NoReferenceError(conversationId);
      }
      await inConversation(ref, "update", (ctx) =>
        ctx.updateActivity({ ...activity, type: activity.type ?? "message", id: activityId }),
      );
    },

    async sendMeetingNotification(chatId, meetingId, notification, { tenantId }) {
      const ref = await conversationRefs.get("conversation", chatId);
      if (!ref || ref.tenantId?.toLowerCase() !== tenantId.toLowerCase()) {
        logger.info("no reference", { operation: MEETING_NOTIFICATION, conversationId: chatId });
        return undefined;
      }
      // The connector answers 202 (all delivered) or 207 with the recipients it could not reach.
      const res = await inConversation(ref, MEETING_NOTIFICATION, (ctx, hook) =>
        clients.teams(ctx, hook).teams.sendMeetingNotification(meetingId, notification),
      );
      return res ?? {};
    },

    sendToMany(userIds, buildActivity, fanOutOptions) {
      return sendToMany(messenger, userIds, buildActivity, { logger, ...fanOutOptions });
    },
  };
  return messenger;
}
