import type { TurnContext } from "botbuilder";
import type { TurnEnv } from "./turn-env";

/** A text command the bot understands in personal chat, group chats and channels. */
export interface BotCommand {
  /** Stable id; also the key of its name/description in the `bot` namespace (`commands.<id>`). */
  id: string;
  /** Lower-case phrases in fi/sv/en that trigger it (matched at the start of the text). */
  triggers: readonly string[];
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

/** Finds the command whose longest trigger starts the text; returns it with the remaining text. */
export function matchCommand(
  commands: readonly BotCommand[],
  text: string,
): { command: BotCommand; args: string } | undefined {
  let best: { command: BotCommand; args: string; len: number } | undefined;
  for (const command of commands) {
    for (const trigger of command.triggers) {
      const hit = text === trigger || text.startsWith(trigger + " ");
      if (hit && (!best || trigger.length > best.len)) {
        best = { command, args: text.slice(trigger.length).trim(), len: trigger.length };
      }
    }
  }
  return best && { command: best.command, args: best.args };
}
