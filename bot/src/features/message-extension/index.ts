import type { Logger } from "../../logger";
import type { MessageExtensionHandler } from "../../platform/teams/message-extension";
import { createRateLimiter } from "../../platform/http/rate-limit";
import type { DialogueContext, DialoguesFeature } from "../dialogues";
import type { Directory } from "../directory";
import { createExtensionHandler } from "./handlers/extension-handler";
import { createTabLinks } from "./handlers/tab-links";

/** What the message extension needs from the composition root. */
export interface MessageExtensionFeatureDeps {
  directory: Directory;
  dialogues: Pick<DialoguesFeature, "context">;
  logger: Logger;
  now: () => Date;
  /** The tab's public base URL: links in entry cards and the only origin whose links unfurl. */
  publicUrl?: string;
  /** Per-user budget of searches and unfurls (config.rateLimits.extensionSearch). */
  searchRate: { burst: number; perSecond: number };
}

/** The wired feature. */
export interface MessageExtensionFeature {
  /** Handed to the bot (`DialogiBot`'s `messageExtension`), which routes the invokes to it. */
  handler: MessageExtensionHandler;
}

/**
 * The Teams message extension (manifest `composeExtensions`): search the peer-dialogue directory
 * and insert an entry card, insert the invitation of a dialogue one organises into any chat or
 * channel, and unfurl links to the directory tab's pages.
 */
export function createMessageExtensionFeature(deps: MessageExtensionFeatureDeps): MessageExtensionFeature {
  const dc: DialogueContext = deps.dialogues.context;
  const handler = createExtensionHandler({
    directory: deps.directory,
    dc,
    links: createTabLinks(deps.publicUrl),
    logger: deps.logger,
    now: deps.now,
    // In memory, per instance (platform/http/rate-limit.ts): it guards this instance and the store
    // from one user's invokes; idle users' buckets are dropped, so memory stays bounded. On the
    // app's clock, so tests drive the window through the `now` seam.
    limiter: createRateLimiter({ ...deps.searchRate, now: () => deps.now().getTime(), maxKeys: 20_000 }),
  });
  return { handler };
}

export { SEARCH_COMMANDS } from "./handlers/extension-handler";
