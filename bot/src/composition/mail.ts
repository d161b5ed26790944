import type { Config } from "../config";
import { createMailSender } from "../platform/mail/create-mail-sender";
import { createDurableMailSender } from "../platform/mail/durable-mail";
import type { GraphPost } from "../platform/mail/graph-mail";
import type { Runtime } from "./runtime";

/**
 * The mail side, only when public registration is on: the mailbox (Graph, or the dev outbox
 * directory) and the durable sender features use. Features send through the durable outbox;
 * its sender delivers through the mailbox, paced.
 */
export function composeMail(config: Config, rt: Runtime, graphPost?: GraphPost) {
  const pub = config.publicRegistration;
  const { graph } = rt;
  const mailbox = pub.enabled
    ? createMailSender({
        env: config.env,
        sender: pub.sender,
        outboxDir: pub.outboxDir,
        graphPost: graphPost ?? (graph ? (path, body) => graph.api(path).post(body) : undefined),
      })
    : undefined;
  if (mailbox) rt.outbox.useMail(mailbox);
  const mail = mailbox && createDurableMailSender(rt.outbox.outbox, mailbox);
  return { mailbox, mail };
}

/** The mailbox and the durable sender (both undefined when public registration is off). */
export type ComposedMail = ReturnType<typeof composeMail>;
