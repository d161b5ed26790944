import type { MailMessage, MailSender } from "./mail-sender";

/**
 * POSTs a JSON body to a Microsoft Graph path (relative to `https://graph.microsoft.com/v1.0`)
 * with the app's token; rejects on a non-2xx answer. The composition root wires it to the Graph
 * client (bot/src/platform/graph), e.g. `(path, body) => client.api(path).post(body)`.
 */
export type GraphPost = (path: string, body: unknown) => Promise<unknown>;

/** The Graph `sendMail` request body for one message (exported for tests). */
export function sendMailBody(message: MailMessage) {
  return {
    message: {
      subject: message.subject,
      body: { contentType: "HTML", content: message.html },
      toRecipients: [{ emailAddress: { address: message.to } }],
      attachments: (message.attachments ?? []).map((a) => ({
        "@odata.type": "#microsoft.graph.fileAttachment",
        name: a.name,
        contentType: a.contentType,
        contentBytes: a.contentBytes,
      })),
    },
    // Confirmation and manage links are personal: no copy in the shared sender's Sent Items.
    saveToSentItems: false,
  };
}

/**
 * Sends as the `sender` mailbox through `POST /users/{sender}/sendMail` (application permission
 * Mail.Send, best limited to that mailbox with an application access policy; see docs).
 */
export function createGraphMailSender(opts: { sender: string; graphPost: GraphPost }): MailSender {
  const path = `/users/${encodeURIComponent(opts.sender)}/sendMail`;
  return {
    kind: "graph",
    async send(message) {
      await opts.graphPost(path, sendMailBody(message));
    },
  };
}
