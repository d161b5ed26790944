import { randomUUID } from "node:crypto";
import type { Outbox } from "../outbox/outbox";
import type { MailSender } from "./mail-sender";

/**
 * How long `send` waits for the mail to leave when this instance is the sender: a page that
 * says "we sent you a mail" is then true in the common case. Never waits on other instances.
 */
const AWAIT_MS = 3000;

/**
 * The {@link MailSender} features get in the app: `send` records the mail in the durable outbox
 * (resolves once it is stored, throws when it could not be) and the outbox's one sender delivers
 * it through `inner` (Graph or the dev outbox), paced below the mailbox's limits and retried; a
 * mail given up stays visible as a failed delivery. Nothing is dropped silently.
 */
export function createDurableMailSender(outbox: Outbox, inner: MailSender): MailSender {
  return {
    kind: inner.kind,
    async send(message) {
      const key = message.idempotencyKey ?? randomUUID();
      await outbox.enqueue(
        { key: `mail|${key}`, dialogueId: message.dialogueId, label: "mail" },
        [
          // No address in keys or labels: the row's payload holds it, as the mail itself does.
          { recipient: "mail", target: { kind: "mail" }, payload: message },
        ],
        { awaitDeliveryMs: AWAIT_MS },
      );
    },
  };
}
