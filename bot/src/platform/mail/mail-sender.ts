/**
 * Outgoing e-mail, as features see it. Two adapters: a local outbox for development
 * (`outbox.ts`) and Microsoft Graph `sendMail` (`graph-mail.ts`). Addresses never reach logs.
 */

/** A file sent with the mail (the `.ics` of a dialogue). */
export interface MailAttachment {
  name: string;
  contentType: string;
  /** The file's bytes, base64. */
  contentBytes: string;
}

/** One message to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  /** The body as HTML (already escaped by the caller). */
  html: string;
  /** A plain-text rendering of the same body (the outbox's `.eml` carries both). */
  text: string;
  /** BCP-47 language of the body (`fi`, `sv`, `en`). */
  lang: string;
  attachments?: MailAttachment[];
}

/** Sends mail; throws when the message was not accepted (callers decide whether to retry). */
export interface MailSender {
  readonly kind: "outbox" | "graph";
  send(message: MailMessage): Promise<void>;
}
