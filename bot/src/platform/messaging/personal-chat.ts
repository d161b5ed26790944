import { TurnContext, type CloudAdapter } from "botbuilder";
import type { Activity, ConversationParameters } from "botframework-schema";
import { errorFields, type Logger } from "../../logger";
import type { StoredConversationRef } from "../tables/conversation-refs";
import type { ConnectorCall } from "./connector-call";
import { ConversationGoneError, DeliveryError } from "./delivery-error";
import type { SentActivity } from "./messenger-types";
import type { ReferenceUpkeep } from "./reference-upkeep";
import { connectorStatus } from "./retry-policy";
import type { TurnClients } from "./turn-clients";
import { captureOutcome, settleOutcome, type TurnOutcome } from "./turn-outcome";
import type { DepartureHook } from "./turn-pipeline";

/** The messenger's parts a personal chat is created and sent with. */
export interface PersonalChatDeps {
  adapter: CloudAdapter;
  /** The bot's app id ("" when channel auth is off). */
  appId: string;
  clients: TurnClients;
  call: ConnectorCall;
  references: ReferenceUpkeep;
  logger: Logger;
}

/**
 * Creates a personal chat with the user through a channel/group chat the bot is in (`via`), and
 * sends `activity` there, paced and retried. The new chat is stored (by user and by conversation
 * id) unless the connector said it is gone; a chat that could not be created at all throws a
 * {@link DeliveryError} of "createConversation".
 */
export async function createPersonalChat(
  deps: PersonalChatDeps,
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
  let outcome: TurnOutcome<SentActivity> | undefined;
  try {
    await deps.adapter.createConversationAsync(
      deps.appId,
      via.channelId,
      via.serviceUrl,
      // undefined → the configured ToChannelFromBotOAuthScope (the typings want a string).
      undefined as unknown as string,
      parameters,
      async (ctx) => {
        const hook: DepartureHook = {};
        deps.clients.prepare(ctx, hook);
        const a = ctx.activity;
        const chat: StoredConversationRef = {
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
        created = chat;
        outcome = await captureOutcome(async () => {
          const res = await deps.call(chat, "send", hook, () => ctx.sendActivity(activity));
          return { conversationId: a.conversation.id, activityId: res?.id };
        });
      },
    );
  } catch (err) {
    deps.logger.warn("personal chat not created", {
      conversationId: via.conversationId,
      ...errorFields(err),
    });
    throw new DeliveryError("createConversation", connectorStatus(err), 1, err);
  }
  const gone = outcome && !outcome.ok && outcome.error instanceof ConversationGoneError;
  if (created && !gone) await deps.references.saveCreated(created);
  return settleOutcome(outcome, "send");
}
