import type { Activity } from "botframework-schema";
import type { AccessRequest } from "@dialogi/contracts";
import type { DirectoryNotifier } from "./domain/ports";
import { toLanguage, translator } from "../../platform/i18n/i18n";
import type { Logger } from "../../logger";

/** What the notifier needs: the platform messenger and the stored conversation references. */
export interface DirectoryNotifierDeps {
  messenger: { sendToUser(userId: string, activity: Partial<Activity>): Promise<unknown> };
  conversationRefs: { get(kind: "user", key: string): Promise<unknown> };
  logger: Logger;
  publicUrl?: string;
}

/**
 * Tells a requester the coordinators' decision in the bot's personal chat (platform/messaging,
 * paced and retried), in the language they asked in. Without a stored conversation reference the
 * bot cannot start the chat: the queue shows that before the coordinator decides.
 */
export function createDirectoryNotifier(deps: DirectoryNotifierDeps): DirectoryNotifier {
  const base = deps.publicUrl?.replace(/\/$/, "");
  return {
    async reachable(userId) {
      return (await deps.conversationRefs.get("user", userId)) !== undefined;
    },
    async accessDecided(request: AccessRequest, approved: boolean, orgName: string) {
      const t = translator(toLanguage(request.language), "directory");
      const url = base ? `${base}/#/org/${encodeURIComponent(request.orgId)}` : "";
      const key = approved ? "access.approved" : "access.declined";
      const text = String(t(key, { org: orgName, url, interpolation: { escapeValue: false } }));
      try {
        return (await deps.messenger.sendToUser(request.userId, { type: "message", text })) !== undefined;
      } catch (err) {
        deps.logger.warn("access decision message failed", {
          requestId: request.id,
          error: (err as Error).name,
        });
        return false;
      }
    },
  };
}
