import { createGraphMailSender, type GraphPost } from "./graph-mail";
import type { MailSender } from "./mail-sender";
import { createOutboxSender, type OutboxSender } from "./outbox";

/**
 * Chooses the mail adapter: Graph `sendMail` when a sender mailbox and a Graph client are given;
 * otherwise, outside production, the local outbox. Production without Graph is refused (config
 * already demands MAIL_SENDER when public registration is on).
 */
export function createMailSender(opts: {
  env: "development" | "production" | "test";
  sender?: string;
  outboxDir: string;
  graphPost?: GraphPost;
}): MailSender | OutboxSender {
  if (opts.sender && opts.graphPost)
    return createGraphMailSender({ sender: opts.sender, graphPost: opts.graphPost });
  if (opts.env !== "production") return createOutboxSender({ dir: opts.outboxDir, from: opts.sender });
  throw new Error(
    "MAIL_SENDER is set but no Microsoft Graph client is wired (app.ts graphPost): public registration cannot send mail",
  );
}
