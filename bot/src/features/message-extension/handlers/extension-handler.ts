import type { RateLimiter } from "../../../platform/http/rate-limit";
import type { MessageExtensionHandler } from "../../../platform/teams/message-extension";
import { extensionUser, type ExtensionContext, type ExtensionUser } from "./context";
import { searchDirectory } from "./directory-search";
import { myDialogues } from "./my-dialogues";
import { unfurlLink } from "./link-unfurl";
import { checkQueryText, MAX_QUERY_LENGTH } from "./query-text";
import { extensionT } from "./texts";

/** Search command ids, as in manifest.json `composeExtensions[0].commands[].id`. */
export const SEARCH_COMMANDS = {
  searchDirectory,
  myDialogues,
} as const;

/** What {@link createExtensionHandler} needs: the handlers' context and the per-user budget. */
export interface ExtensionHandlerDeps extends ExtensionContext {
  /** One bucket per Teams user (tenant + AAD object id) for searches and unfurls together. */
  limiter: RateLimiter;
}

/**
 * The app's message extension: takes the user from the authenticated activity, spends one of
 * their searches (over the budget nothing runs), validates the typed text once for every command
 * and routes by command id; results are capped by the platform.
 */
export function createExtensionHandler(xc: ExtensionHandlerDeps): MessageExtensionHandler {
  /** Seconds to wait when the user is over their budget, else 0; logs once per user and window. */
  function throttled(user: ExtensionUser, activityId: string | undefined, kind: string): number {
    const { wait, report } = xc.limiter.check(`${user.tenantId}|${user.userId}`);
    // Ids only: the activity, not the person (their object id would tie the log to them).
    if (report) xc.logger.warn("message extension rate limited", { activityId, kind, wait });
    return wait;
  }

  return {
    async query(ctx, env, query) {
      const t = extensionT(env.lang);
      const user = extensionUser(env);
      if (!user) return { message: t("errors.noUser") };
      const wait = throttled(user, ctx.activity.id, "query");
      // A message, not an error: Teams shows it in place of results, where a failed invoke
      // would only say that something went wrong.
      if (wait > 0) return { message: t("errors.slowDown", { seconds: wait }) };
      const command = Object.hasOwn(SEARCH_COMMANDS, query.commandId)
        ? SEARCH_COMMANDS[query.commandId as keyof typeof SEARCH_COMMANDS]
        : undefined;
      if (!command) {
        xc.logger.warn("unknown message extension command", { commandId: query.commandId.slice(0, 64) });
        return { message: t("errors.unknownCommand") };
      }
      const checked = checkQueryText(query.text);
      if ("refused" in checked) return { message: t(`errors.${checked.refused}`, { max: MAX_QUERY_LENGTH }) };
      return command(xc, user, env.lang, checked.text, query);
    },
    async queryLink(ctx, env, url) {
      const user = extensionUser(env);
      if (!user) return { results: [] };
      // Over the budget the link is simply not unfurled: it stays a plain, working link.
      if (throttled(user, ctx.activity.id, "unfurl") > 0) return { results: [] };
      return unfurlLink(xc, user, env.lang, url);
    },
  };
}
