import { TurnContext } from "botbuilder";
import type { Logger } from "../../logger";
import type { LanguageChoices } from "../i18n/language-choices";
import type { ConversationRefRepository } from "../tables/conversation-refs";
import { teamIdOf } from "./installation";
import { turnEnv } from "./turn-env";

/**
 * Keeps the conversation reference proactive messages need: per user for a personal chat, per
 * conversation otherwise. Written on every turn: a row another instance deleted comes back on
 * the person's next turn.
 */
export async function rememberConversation(ctx: TurnContext, refs: ConversationRefRepository): Promise<void> {
  const a = ctx.activity;
  if (!a.serviceUrl || !a.conversation?.id) return;
  const personal = a.conversation.conversationType === "personal";
  const key = personal ? a.from?.aadObjectId : a.conversation.id;
  if (!key) return;
  await refs.save({
    kind: personal ? "user" : "conversation",
    key,
    tenantId: turnEnv(ctx).tenantId,
    serviceUrl: a.serviceUrl,
    conversationId: a.conversation.id,
    conversationType: a.conversation.conversationType,
    channelId: a.channelId,
    botId: a.recipient?.id,
    locale: a.locale,
    teamId: teamIdOf(a),
    reference: JSON.stringify(TurnContext.getConversationReference(a)),
  });
}

/** Uninstall: forgets the conversation (every channel, for a team) and, in a personal chat, the user. */
export async function forgetConversation(
  ctx: TurnContext,
  refs: ConversationRefRepository,
  languages: LanguageChoices | undefined,
  logger: Logger,
): Promise<void> {
  const a = ctx.activity;
  const conversationId = a.conversation?.id;
  const teamId = teamIdOf(a);
  let removed = teamId ? await refs.removeTeam(teamId) : 0;
  if (conversationId && (await refs.remove("conversation", conversationId))) removed++;
  const aadId = a.from?.aadObjectId;
  const personal = a.conversation?.conversationType === "personal";
  if (personal && aadId && (await refs.remove("user", aadId))) removed++;
  // The person removed the app: their language choice goes with it.
  if (personal && aadId) await languages?.clear(aadId);
  // Ids only: the conversation (or team) is not personal data, the user id is.
  logger.info("app removed; conversation references dropped", { conversationId, teamId, removed });
}
