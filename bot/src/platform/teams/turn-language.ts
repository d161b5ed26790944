import type { TurnContext } from "botbuilder";
import { errorFields, type Logger } from "../../logger";
import { toLanguage } from "../i18n/i18n";
import type { LanguageChoices } from "../i18n/language-choices";
import type { CommandMatch } from "./command";
import { turnEnv, type TurnEnv } from "./turn-env";

/**
 * The turn's env in the person's language: a command typed in Finnish or Swedish is answered
 * in it even when the Teams client is in English, and the choice is stored per user (Tables,
 * so every instance and later cards use it); a command in the client's language or an
 * international one ("help", "?") goes back to the client's language. Until a choice is known
 * the client's locale is used. A store failure only costs the choice, never the turn.
 */
export async function turnEnvInChosenLanguage(
  ctx: TurnContext,
  languages: LanguageChoices | undefined,
  logger: Logger,
  match?: CommandMatch,
): Promise<TurnEnv> {
  const userId = ctx.activity.from?.aadObjectId;
  if (!languages || !userId) return turnEnv(ctx);
  const warn = (err: unknown) => {
    logger.warn("language choice not read or saved", { activityId: ctx.activity.id, ...errorFields(err) });
    return undefined;
  };
  const typed = match?.language;
  if (!typed) return turnEnv(ctx, await languages.get(userId).catch(warn));
  // Typing in the client's own language (or an international word) is no choice to remember:
  // the bot then follows the client again, also when its language is changed later.
  const client = toLanguage(ctx.activity.locale);
  const chosen = typed === "any" || typed === client ? undefined : typed;
  const stored = await languages.get(userId).catch(warn);
  if (stored !== chosen) await (chosen ? languages.set(userId, chosen) : languages.clear(userId)).catch(warn);
  return turnEnv(ctx, chosen);
}
