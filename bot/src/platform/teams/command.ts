import type { TurnContext } from "botbuilder";
import type { Language } from "../i18n/i18n";
import type { TurnEnv } from "./turn-env";

/**
 * A command's trigger phrases by language. Typing a phrase of a language answers in it and
 * remembers the choice; `any` phrases ("?", "help", understood in every language) answer in the
 * client's language and forget an earlier choice. A plain list chooses no language.
 */
export type Triggers = readonly string[] | { readonly [L in Language | "any"]?: readonly string[] };

/** Every trigger phrase with the language it is in (undefined: none, "any": international). */
export function triggerPhrases(triggers: Triggers): { phrase: string; language?: Language | "any" }[] {
  if (Array.isArray(triggers)) return (triggers as readonly string[]).map((phrase) => ({ phrase }));
  return Object.entries(triggers as Record<string, readonly string[]>).flatMap(([language, phrases]) =>
    phrases.map((phrase) => ({ phrase, language: language as Language | "any" })),
  );
}

/** A text command the bot understands in personal chat, group chats and channels. */
export interface BotCommand {
  /** Stable id; also the key of its name/description in the `bot` namespace (`commands.<id>`). */
  id: string;
  /** Lower-case phrases in fi/sv/en that trigger it (matched at the start of the text), by language. */
  triggers: Triggers;
  /** Shown in the help card. */
  listed: boolean;
  run(ctx: TurnContext, env: TurnEnv, args: string): Promise<void>;
}

/**
 * Strips the bot @mention Teams puts into channel messages and normalises whitespace and case,
 * so "<at>Dialogi</at> Apua " matches "apua".
 */
export function normaliseCommandText(text: string | undefined): string {
  return (text ?? "")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** A matched command, the rest of the text, and the language of the phrase typed (if it has one). */
export interface CommandMatch {
  command: BotCommand;
  args: string;
  language?: Language | "any";
}

/** Finds the command whose longest trigger starts the text; returns it with the remaining text. */
export function matchCommand(commands: readonly BotCommand[], text: string): CommandMatch | undefined {
  let best: (CommandMatch & { len: number }) | undefined;
  for (const command of commands) {
    for (const { phrase, language } of triggerPhrases(command.triggers)) {
      const hit = text === phrase || text.startsWith(phrase + " ");
      if (hit && (!best || phrase.length > best.len)) {
        best = { command, args: text.slice(phrase.length).trim(), language, len: phrase.length };
      }
    }
  }
  return best && { command: best.command, args: best.args, language: best.language };
}
