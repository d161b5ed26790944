import type { AccessRequest } from "@dialogi/contracts";
import type { DirectoryNotifier } from "./domain/ports";
import { toLanguage, translator } from "../../platform/i18n/i18n";
import type { Logger } from "../../logger";
import type { Outbox } from "../../platform/outbox/outbox";

/**
 * How long a coordinator's decision waits for the message to leave when this instance is the
 * sender, so the queue's "told" mark is true in the common case.
 */
const AWAIT_MS = 5000;

/** What the notifier needs: the durable outbox and the stored conversation references. */
export interface DirectoryNotifierDeps {
  outbox: Outbox;
  conversationRefs: { get(kind: "user", key: string): Promise<unknown> };
  logger: Logger;
  publicUrl?: string;
}

/**
 * Tells a requester the coordinators' decision in the bot's personal chat, in the language they
 * asked in, through the durable outbox: recorded under the request's id (a request is decided
 * once, so a retried decision sends nothing twice), retried by the sender, and a failure stays a
 * visible failed row. Without a stored conversation reference the bot cannot start the chat:
 * the queue shows that before the coordinator decides.
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
      // Listed under the organisation (no dialogue), like its listing reminders.
      const owner = `org-${request.orgId}`;
      const decision = { key: `access|${request.id}`, dialogueId: owner, label: "accessDecision" };
      const item = {
        recipient: request.userId,
        target: { kind: "user" as const, userId: request.userId },
        payload: { type: "message", text },
      };
      await deps.outbox.enqueue(decision, [item], { awaitDeliveryMs: AWAIT_MS });
      const rows = (await deps.outbox.deliveries(owner)).filter((r) => r.decisionKey === decision.key);
      const sent = rows.some((r) => r.status === "sent");
      deps.logger.info("access decision message", { requestId: request.id, sent });
      return sent;
    },
  };
}
