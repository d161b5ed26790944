import type { TurnContext } from "botbuilder";
import type { TFunction } from "i18next";
import { toLanguage, translator, type Language } from "../i18n/i18n";

/** Per-turn facts every command and card action needs, derived once from the activity. */
export interface TurnEnv {
  lang: Language;
  /** Translator for the `bot` namespace in the user's language. */
  t: TFunction;
  /** AAD object id of the authenticated sender (never taken from card payloads). */
  userId?: string;
  userName?: string;
  tenantId?: string;
  conversationType?: string;
}

/**
 * Builds the {@link TurnEnv} of a turn from its activity; `language` (the person's choice, see
 * DialogiBot) wins over the Teams client's locale.
 */
export function turnEnv(ctx: TurnContext, language?: Language): TurnEnv {
  const a = ctx.activity;
  const lang = language ?? toLanguage(a.locale);
  return {
    lang,
    t: translator(lang, "bot"),
    userId: a.from?.aadObjectId,
    userName: a.from?.name,
    tenantId:
      a.conversation?.tenantId ?? (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id,
    conversationType: a.conversation?.conversationType,
  };
}
