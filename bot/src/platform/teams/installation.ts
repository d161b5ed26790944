import type { Activity } from "botbuilder";

/**
 * True when the activity says the app was removed from this conversation: an
 * `installationUpdate` with action `remove` (Teams sends `remove` or `remove-upgrade`), or a
 * `conversationUpdate` whose `membersRemoved` lists the bot itself.
 */
export function isBotRemoval(a: Partial<Activity>): boolean {
  if (a.type === "installationUpdate") return typeof a.action === "string" && a.action.startsWith("remove");
  if (a.type === "conversationUpdate") {
    const botId = a.recipient?.id;
    return !!botId && !!a.membersRemoved?.some((m) => m.id === botId);
  }
  return false;
}

/** True when the activity says the app was added here (install, or the bot joined the conversation). */
export function isBotInstall(a: Partial<Activity>): boolean {
  if (a.type === "installationUpdate") return typeof a.action === "string" && a.action.startsWith("add");
  if (a.type === "conversationUpdate") {
    const botId = a.recipient?.id;
    return !!botId && !!a.membersAdded?.some((m) => m.id === botId);
  }
  return false;
}

/** The team of a channel activity (`channelData.team.id`), if any. */
export function teamIdOf(a: Partial<Activity>): string | undefined {
  const id = (a.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof id === "string" && id ? id : undefined;
}
