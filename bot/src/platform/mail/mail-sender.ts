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
  /**
   * Sending the same key again sends nothing (the outbox finds its row): give one when a retry
   * of the caller (a job rerun, a double click) must not mail twice. Absent = always a new mail.
   */
  idempotencyKey?: string;
  /** The dialogue the mail is about: its failures are shown with the dialogue's deliveries. */
  dialogueId?: string;
}

/**
 * Sends mail; throws when the message was not accepted (callers decide whether to retry). In the
 * app this is the durable outbox (`durable-mail.ts`): `send` resolves once the mail is recorded,
 * and the outbox's sender paces it under the mailbox's limits and retries it.
 */
export interface MailSender {
  readonly kind: "outbox" | "graph";
  send(message: MailMessage): Promise<void>;
}
