import {
  CardFactory,
  MessageFactory,
  type AppBasedLinkQuery,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  teamsGetTeamMeetingInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from "botbuilder";
import { randomUUID } from "node:crypto";
import { translator } from "../i18n/i18n";
import type { LanguageChoices } from "../i18n/language-choices";
import { errorFields, type Logger } from "../../logger";
import type { ConversationRefRepository } from "../tables/conversation-refs";
import { isStoreUnavailable } from "../tables/errors";
import { CardInputError, type CardAction, type CardActionResult } from "./card-action";
import { matchCommand, normaliseCommandText, type BotCommand, type CommandMatch } from "./command";
import { isBotRemoval } from "./installation";
import {
  extensionResponse,
  parseExtensionQuery,
  type ExtensionAnswer,
  type MessageExtensionHandler,
} from "./message-extension";
import { turnEnv, type TurnEnv } from "./turn-env";
import { turnEnvInChosenLanguage } from "./turn-language";
import { forgetConversation, rememberConversation } from "./conversation-memory";
import type { RateLimiter } from "../http/rate-limit";

/** Dependencies of {@link DialogiBot}. */
export interface DialogiBotDeps {
  commands: readonly BotCommand[];
  actions: readonly CardAction[];
  conversationRefs: ConversationRefRepository;
  logger: Logger;
  /** Greets a conversation the bot was added to (the help feature's card). */
  welcome(ctx: TurnContext, env: TurnEnv): Promise<void>;
  /**
   * Meeting participant join/leave events (sent when the manifest's RSC permissions are granted):
   * the meeting chat's id and the AAD ids of the people who joined (`present`) or left.
   */
  meetingPresence?(chatId: string, aadIds: string[], present: boolean): Promise<void>;
  /**
   * An activity from a meeting's chat named its meeting (`channelData.meeting.id`, the id
   * in-meeting notifications are addressed to; a proactive turn has none, so it is kept).
   */
  meetingSeen?(chatId: string, meetingId: string): Promise<void>;
  /** Per-user budget of card actions (shared with the tab APIs' writes); unlimited when omitted. */
  limiter?: RateLimiter;
  /** The message extension's search commands and link unfurling; without it those invokes get 501. */
  messageExtension?: MessageExtensionHandler;
  /** The language each person chose by typing a command in it; the client's locale when omitted. */
  languages?: LanguageChoices;
}

const MAX_VERB_LENGTH = 64;

/**
 * Activities that come from a conversation the bot may not be a member of, whose reference must
 * not be stored: message extension invokes (the compose box of any chat or channel), and card
 * actions in a personal-scope conversation — with the bot that is its own chat, but a card
 * inserted through the message extension into a one-to-one chat between two people also sends
 * its Action.Execute from there, and storing that as the user's chat would send their reminders
 * into a chat the bot cannot post to. The bot's own chat is remembered from messages and installs.
 */
function isForeignConversation(a: TurnContext["activity"]): boolean {
  if (a.type !== "invoke") return false;
  return a.name?.startsWith("composeExtension/") === true || a.conversation?.conversationType === "personal";
}

/**
 * The Teams bot: a thin adapter that routes text to commands and card actions (by verb) to
 * their handlers, stores conversation references for proactive messages, and turns failures
 * into translated messages.
 */
export class DialogiBot extends TeamsActivityHandler {
  private readonly actionsByVerb: Map<string, CardAction>;

  constructor(private readonly deps: DialogiBotDeps) {
    super();
    this.actionsByVerb = new Map(deps.actions.map((a) => [a.verb, a]));

    this.onMessage(async (ctx, next) => {
      await this.guard(ctx, () => this.handleMessage(ctx));
      await next();
    });
    const presence =
      (present: boolean) =>
      async (
        meta: { members?: { user?: { aadObjectId?: string } }[] },
        ctx: TurnContext,
        next: () => Promise<void>,
      ) => {
        const ids = (meta.members ?? []).map((m) => m.user?.aadObjectId).filter((id): id is string => !!id);
        const chatId = ctx.activity.conversation?.id;
        if (deps.meetingPresence && chatId && ids.length) {
          await deps.meetingPresence(chatId, ids, present).catch((err) =>
            deps.logger.warn("meeting presence not recorded", {
              activityId: ctx.activity.id,
              ...errorFields(err),
            }),
          );
        }
        await next();
      };
    this.onTeamsMeetingParticipantsJoinEvent(presence(true));
    this.onTeamsMeetingParticipantsLeaveEvent(presence(false));
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await this.guard(ctx, () => this.welcome(ctx));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // Teams announces an install twice (installationUpdate and conversationUpdate); welcome
      // once, on installationUpdate. Other channels (Web Chat, Emulator) only send conversationUpdate.
      const botId = ctx.activity.recipient?.id;
      if (ctx.activity.channelId !== "msteams" && ctx.activity.membersAdded?.some((m) => m.id === botId)) {
        await this.guard(ctx, () => this.welcome(ctx));
      }
      await next();
    });
  }

  /**
   * Stores the reference on every turn (one point upsert, never skipped from a cache), and drops
   * it when the app is removed from the conversation, so nothing is sent there any more.
   */
  override async run(ctx: TurnContext): Promise<void> {
    const removal = isBotRemoval(ctx.activity);
    const write = removal
      ? this.forgetConversation(ctx)
      : isForeignConversation(ctx.activity)
        ? Promise.resolve()
        : this.rememberConversation(ctx);
    await write.catch((err) =>
      this.deps.logger.warn(
        removal ? "conversation reference not removed" : "conversation reference not saved",
        {
          activityId: ctx.activity.id,
          ...errorFields(err),
        },
      ),
    );
    await this.rememberMeeting(ctx);
    await super.run(ctx);
  }

  private async rememberMeeting(ctx: TurnContext): Promise<void> {
    const meetingId = teamsGetTeamMeetingInfo(ctx.activity)?.id;
    const chatId = ctx.activity.conversation?.id;
    if (!this.deps.meetingSeen || !meetingId || !chatId || isBotRemoval(ctx.activity)) return;
    await this.deps.meetingSeen(chatId, meetingId).catch((err) =>
      this.deps.logger.warn("meeting id not recorded", {
        activityId: ctx.activity.id,
        ...errorFields(err),
      }),
    );
  }

  private async welcome(ctx: TurnContext): Promise<void> {
    await this.deps.welcome(ctx, await this.envOf(ctx));
  }

  private envOf(ctx: TurnContext, match?: CommandMatch): Promise<TurnEnv> {
    return turnEnvInChosenLanguage(ctx, this.deps.languages, this.deps.logger, match);
  }

  private async handleMessage(ctx: TurnContext): Promise<void> {
    const value = ctx.activity.value as unknown;
    if (value && typeof value === "object") {
      // Action.Submit: the card's data arrives as the message value.
      const env = await this.envOf(ctx);
      const wait = this.throttle(ctx);
      if (wait > 0) {
        await ctx.sendActivity(this.rateLimitedText(env, wait));
        return;
      }
      const result = await this.runAction(ctx, env, value as Record<string, unknown>);
      if (result.card)
        await ctx.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(result.card)));
      if (result.message) await ctx.sendActivity(result.message);
      return;
    }
    const text = normaliseCommandText(ctx.activity.text);
    const match = matchCommand(this.deps.commands, text);
    const env = await this.envOf(ctx, match);
    if (match) return match.command.run(ctx, env, match.args);
    await ctx.sendActivity(env.t("unknown"));
  }

  /** Action.Execute (Universal Actions): the response replaces the card for the clicking user. */
  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const env = await this.envOf(ctx);
    const wait = this.throttle(ctx);
    if (wait > 0) {
      // Universal Actions error response: Teams shows the message and keeps the card.
      return {
        statusCode: 429,
        type: "application/vnd.microsoft.error",
        value: { code: "rateLimited", message: this.rateLimitedText(env, wait) },
      } as never;
    }
    try {
      const action = invokeValue?.action as { verb?: unknown; data?: unknown } | undefined;
      const data =
        action?.data && typeof action.data === "object" ? (action.data as Record<string, unknown>) : {};
      const result = await this.runAction(ctx, env, { ...data, verb: action?.verb });
      if (result.card) {
        return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: result.card };
      }
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: result.message ?? "",
      } as never;
    } catch (err) {
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: this.failureText(ctx, env, err),
      } as never;
    }
  }

  /** `composeExtension/query`: a search command of the message extension. */
  protected override async handleTeamsMessagingExtensionQuery(
    ctx: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    const extension = this.deps.messageExtension;
    if (!extension) return super.handleTeamsMessagingExtensionQuery(ctx, query);
    const env = turnEnv(ctx);
    return this.extensionAnswer(ctx, env, () => extension.query(ctx, env, parseExtensionQuery(query)));
  }

  /** `composeExtension/queryLink`: link unfurling for the manifest's `messageHandlers` domains. */
  protected override async handleTeamsAppBasedLinkQuery(
    ctx: TurnContext,
    query: AppBasedLinkQuery,
  ): Promise<MessagingExtensionResponse> {
    const extension = this.deps.messageExtension;
    if (!extension) return super.handleTeamsAppBasedLinkQuery(ctx, query);
    const env = turnEnv(ctx);
    const url = typeof query?.url === "string" ? query.url : "";
    return this.extensionAnswer(ctx, env, () => extension.queryLink(ctx, env, url));
  }

  /** Runs a message extension handler; a failure becomes a message in the compose box, never a 500. */
  private async extensionAnswer(
    ctx: TurnContext,
    env: TurnEnv,
    fn: () => Promise<ExtensionAnswer>,
  ): Promise<MessagingExtensionResponse> {
    try {
      return extensionResponse(await fn());
    } catch (err) {
      return extensionResponse({ message: this.failureText(ctx, env, err) });
    }
  }

  /**
   * Takes a token from the sender's bucket: 0 = go on, else seconds to wait. Keyed by the
   * authenticated activity's sender (the token-verified `from`), never by anything in card data.
   */
  private throttle(ctx: TurnContext): number {
    const a = ctx.activity;
    const user = a.from?.aadObjectId ?? a.from?.id;
    if (!this.deps.limiter || !user) return 0;
    const wait = this.deps.limiter.take(`${turnEnv(ctx).tenantId}|${user}`);
    if (wait > 0) this.deps.logger.warn("card action rate limited", { activityId: a.id, wait });
    return wait;
  }

  private rateLimitedText(env: TurnEnv, wait: number): string {
    return String(translator(env.lang, "common")("rateLimited", { seconds: wait }));
  }

  private async runAction(
    ctx: TurnContext,
    env: TurnEnv,
    data: Record<string, unknown>,
  ): Promise<CardActionResult> {
    const verb = data.verb;
    const action =
      typeof verb === "string" && verb.length <= MAX_VERB_LENGTH ? this.actionsByVerb.get(verb) : undefined;
    if (!action) {
      this.deps.logger.warn("unknown card verb", { activityId: ctx.activity.id });
      return { message: env.t("unknownAction") };
    }
    try {
      return await action.handle(ctx, env, data);
    } catch (err) {
      if (err instanceof CardInputError) return { message: env.t("badCard", { reason: err.userMessage }) };
      throw err;
    }
  }

  /** Runs a handler; on failure logs ids only and tells the user what to do next. */
  private async guard(ctx: TurnContext, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      await ctx.sendActivity(this.failureText(ctx, turnEnv(ctx), err)).catch(() => undefined);
    }
  }

  private failureText(ctx: TurnContext, env: TurnEnv, err: unknown): string {
    if (isStoreUnavailable(err)) {
      this.deps.logger.warn("store unavailable during turn", { activityId: ctx.activity.id });
      return translator(env.lang, "common")("unavailable");
    }
    const id = randomUUID().slice(0, 8);
    this.deps.logger.error("turn failed", { errorId: id, activityId: ctx.activity.id, ...errorFields(err) });
    return env.t("error", { id });
  }

  private rememberConversation(ctx: TurnContext): Promise<void> {
    return rememberConversation(ctx, this.deps.conversationRefs);
  }

  private forgetConversation(ctx: TurnContext): Promise<void> {
    return forgetConversation(ctx, this.deps.conversationRefs, this.deps.languages, this.deps.logger);
  }
}
