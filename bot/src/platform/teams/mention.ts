/**
 * How people address the bot in a channel or group chat. Teams delivers a channel message to the
 * bot only when it @mentions it, so every hint naming a command for such a place shows it with
 * the mention. The name is the app's short name in manifest/manifest.json (without the
 * environment suffix; test/manifest-commands.spec.ts checks they agree).
 */
export const BOT_MENTION = "@Dialogi";

/** True in conversations where the bot hears only messages that @mention it. */
export const needsMention = (conversationType: string | undefined): boolean =>
  conversationType === "channel" || conversationType === "groupChat";

/** A command as it must be typed in this conversation ("@Dialogi apua" in a channel). */
export const asTyped = (command: string, conversationType: string | undefined): string =>
  needsMention(conversationType) ? `${BOT_MENTION} ${command}` : command;
