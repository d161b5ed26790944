import type { MessageExtensionHandler } from "../../../platform/teams/message-extension";
import { extensionUser, type ExtensionContext } from "./context";
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

/**
 * The app's message extension: validates the typed text once for every command, takes the user
 * from the authenticated activity and routes by command id; results are capped by the platform.
 */
export function createExtensionHandler(xc: ExtensionContext): MessageExtensionHandler {
  return {
    async query(_ctx, env, query) {
      const t = extensionT(env.lang);
      const command = Object.hasOwn(SEARCH_COMMANDS, query.commandId)
        ? SEARCH_COMMANDS[query.commandId as keyof typeof SEARCH_COMMANDS]
        : undefined;
      if (!command) {
        xc.logger.warn("unknown message extension command", { commandId: query.commandId.slice(0, 64) });
        return { message: t("errors.unknownCommand") };
      }
      const user = extensionUser(env);
      if (!user) return { message: t("errors.noUser") };
      const checked = checkQueryText(query.text);
      if ("refused" in checked) return { message: t(`errors.${checked.refused}`, { max: MAX_QUERY_LENGTH }) };
      return command(xc, user, env.lang, checked.text, query);
    },
    async queryLink(_ctx, env, url) {
      const user = extensionUser(env);
      if (!user) return { results: [] };
      return unfurlLink(xc, user, env.lang, url);
    },
  };
}
