import { TurnContext, type CloudAdapter } from "botbuilder";
import { TeamsConnectorClient, type ConnectorClient } from "botframework-connector";
import type {
  Activity,
  ConversationParameters,
  ConversationReference,
  MeetingNotification,
  MeetingNotificationResponse,
} from "botframework-schema";
import { errorFields, type Logger } from "../../logger";
import type { ConversationRefRepository, StoredConversationRef } from "../tables/conversation-refs";
import { ConversationGoneError, DeliveryError, NoReferenceError } from "./delivery-error";
import { sendToMany, type FanOutOptions, type FanOutResult } from "./fan-out";
import type { Messenger, SentActivity } from "./messenger-types";
import {
  createRateLimiter,
  evenGapMs,
  TEAMS_CONVERSATION_LIMITS,
  TEAMS_TENANT_LIMITS,
  type RateLimiter,
} from "./rate-limiter";
import { backoffMs } from "../backoff";
import { countMetric, withSpan } from "../telemetry/instrument";
import { connectorStatus, isRetryable, retryAfterMs } from "./retry-policy";
import { preparePipeline, type ClientPipeline, type DepartureHook } from "./turn-pipeline";

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
   * not in the meeting, 404: meeting gone) throws a {@link DeliveryError} but keeps the chat's
   * reference: it says nothing about the chat's messages.
   */
  sendMeetingNotification(
    chatId: string,
    meetingId: string,
    notification: MeetingNotification,
    options: { tenantId: string },
  ): Promise<MeetingNotificationResponse | undefined>;
}

/** The operation name of in-meeting notifications (their 403/404 do not mean the chat is gone). */
const MEETING_NOTIFICATION = "meetingNotification";

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Creates the messenger. Every connector call is paced (Teams' per-conversation and per-tenant
 * limits) and retried on 429 (after Retry-After, else exponential backoff with jitter) and on
 * 412/502/503/504 and network errors; other failures surface at once as {@link DeliveryError}.
 */
export function createMessenger(options: MessengerOptions): DialogiMessenger {
  const { adapter, conversationRefs, logger } = options;
  const appId = options.appId ?? "";
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
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

  /** This turn's connector client, readied for paced sending ({@link preparePipeline}). */
  const prepareTurn = (ctx: TurnContext, hook: DepartureHook) => {
    const connector = ctx.turnState.get(adapter.ConnectorClientKey) as {
      client?: { pipeline?: ClientPipeline };
    };
    preparePipeline(connector?.client?.pipeline, hook, now);
  };

  /**
   * What `TeamsInfo.sendMeetingNotification` uses (a Teams client over the turn's connector
   * credentials), readied like the turn's own client, so that our paced retries are the only ones.
   */
  const teamsClient = (ctx: TurnContext, hook: DepartureHook) => {
    const connector = ctx.turnState.get(adapter.ConnectorClientKey) as ConnectorClient;
    const client = new TeamsConnectorClient(connector.credentials, { baseUri: ctx.activity.serviceUrl });
    preparePipeline(
      (client as unknown as { client?: { pipeline?: ClientPipeline } }).client?.pipeline,
      hook,
      now,
    );
    return client;
  };

  /**
   * 403 (bot removed, blocked or uninstalled by the user) or 404 (conversation deleted) on a
   * send means the conversation is out of reach for good. A 404 on an update may only mean that
   * one message was deleted, so it does not drop the conversation.
   */
  const isGone = (operation: string, status: number) =>
    operation !== MEETING_NOTIFICATION && (status === 403 || (status === 404 && operation === "send"));

  /** Forgets a reference the connector refused, so later sends stop before calling it. */
  async function dropReference(ref: StoredConversationRef): Promise<void> {
    try {
      await conversationRefs.remove(ref.kind, ref.key);
      // A personal chat is also stored by conversation id (for updates): drop both.
      if (ref.kind === "user") await conversationRefs.remove("conversation", ref.conversationId);
    } catch (err) {
      logger.warn("conversation reference not removed", {
        conversationId: ref.conversationId,
        ...errorFields(err),
      });
    }
  }

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

  /** Runs one connector call with pacing and retries. */
  async function withRetry<T>(
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
          await dropReference(ref);
          throw new ConversationGoneError(operation, status, attempt, ref.conversationId, err);
        }
        if (!isRetryable(err) || attempt >= maxAttempts || (hinted ?? 0) > maxRetryAfterMs) {
          logger.warn("proactive message failed", { ...fields, ...errorFields(err) });
          throw new DeliveryError(operation, status, attempt, err);
        }
        const wait =
          hinted ?? backoffMs(attempt, { baseMs: retryBaseMs, maxMs: retryMaxMs, jitter: "full" }, random);
        logger.info("proactive message retrying", { ...fields, waitMs: wait });
        // Rest the whole conversation, so other sends to it from this process wait too.
        conversations.pause(ref.conversationId, wait);
      }
    }
  }

  /** Continues the stored conversation and runs `op` with retries; errors reach the caller. */
  async function inConversation<T>(
    ref: StoredConversationRef,
    operation: string,
    op: (ctx: TurnContext, hook: DepartureHook) => Promise<T>,
  ): Promise<T> {
    const reference = JSON.parse(ref.reference) as Partial<ConversationReference>;
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    // The adapter routes errors thrown in the logic to onTurnError and resolves; capture them.
    await adapter.continueConversationAsync(appId, reference, async (ctx) => {
      const hook: DepartureHook = {};
      prepareTurn(ctx, hook);
      try {
        outcome = { ok: true, value: await withRetry(ref, operation, hook, () => op(ctx, hook)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    if (!outcome) throw new DeliveryError(operation, undefined, 0);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  const send = (ref: StoredConversationRef, activity: Partial<Activity>) =>
    inConversation(ref, "send", async (ctx): Promise<SentActivity> => {
      const res = await ctx.sendActivity(activity);
      return { conversationId: ctx.activity.conversation.id, activityId: res?.id };
    });

  /** Remembers a personal chat also by conversation id, so `updateActivity` can find it. */
  const rememberByConversation = (ref: StoredConversationRef) =>
    conversationRefs
      .save({ ...ref, kind: "conversation", key: ref.conversationId })
      .catch((err) => logger.warn("conversation reference not saved", errorFields(err)));

  /** Creates a personal chat with the user through a channel/group chat the bot is in, and sends. */
  async function createPersonalChat(
    userAadId: string,
    via: StoredConversationRef,
    activity: Partial<Activity>,
  ): Promise<SentActivity> {
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: via.botId ?? "", name: "" },
      // Teams accepts the AAD object id as the member id when creating a 1:1 chat.
      members: [{ id: userAadId, name: "" }],
      tenantId: via.tenantId,
      channelData: { tenant: { id: via.tenantId } },
    };
    let created: StoredConversationRef | undefined;
    let outcome: { ok: true; value: SentActivity } | { ok: false; error: unknown } | undefined;
    try {
      await adapter.createConversationAsync(
        appId,
        via.channelId,
        via.serviceUrl,
        // undefined → the configured ToChannelFromBotOAuthScope (the typings want a string).
        undefined as unknown as string,
        parameters,
        async (ctx) => {
          const hook: DepartureHook = {};
          prepareTurn(ctx, hook);
          const a = ctx.activity;
          created = {
            kind: "user",
            key: userAadId,
            tenantId: via.tenantId,
            serviceUrl: a.serviceUrl,
            conversationId: a.conversation.id,
            conversationType: "personal",
            channelId: a.channelId,
            botId: via.botId,
            locale: via.locale,
            reference: JSON.stringify(TurnContext.getConversationReference(a)),
          };
          try {
            const res = await withRetry(created, "send", hook, () => ctx.sendActivity(activity));
            outcome = { ok: true, value: { conversationId: a.conversation.id, activityId: res?.id } };
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
      );
    } catch (err) {
      logger.warn("personal chat not created", { conversationId: via.conversationId, ...errorFields(err) });
      throw new DeliveryError("createConversation", connectorStatus(err), 1, err);
    }
    const gone = outcome && !outcome.ok && outcome.error instanceof ConversationGoneError;
    if (created && !gone) {
      await conversationRefs
        .save(created)
        .catch((err) => logger.warn("reference not saved", errorFields(err)));
      await rememberByConversation(created);
    }
    if (!outcome) throw new DeliveryError("send", undefined, 0);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  const messenger: DialogiMessenger = {
    async sendToUser(userAadId, activity, sendOptions = {}) {
      const ref = await conversationRefs.get("user", userAadId);
      const want = sendOptions.tenantId?.toLowerCase();
      const otherTenant = (r: { tenantId?: string }) => !!want && r.tenantId?.toLowerCase() !== want;
      if (ref && otherTenant(ref)) return undefined;
      if (ref) {
        const sent = await send(ref, activity);
        await rememberByConversation(ref);
        return sent;
      }
      if (sendOptions.via) {
        const via = await conversationRefs.get("conversation", sendOptions.via);
        if (via && !otherTenant(via)) return createPersonalChat(userAadId, via, activity);
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
        teamsClient(ctx, hook).teams.sendMeetingNotification(meetingId, notification),
      );
      return res ?? {};
    },

    sendToMany(userIds, buildActivity, fanOutOptions) {
      return sendToMany(messenger, userIds, buildActivity, { logger, ...fanOutOptions });
    },
  };
  return messenger;
}
