import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MailMessage, MailSender } from "./mail-sender";

/** One mail as the outbox stores it (`<id>.json`, next to `<id>.eml`). */
export interface OutboxMail extends MailMessage {
  id: string;
  from: string;
  sentAt: string;
}

/** The development adapter: writes each mail as JSON and `.eml` under `dir` instead of sending. */
export interface OutboxSender extends MailSender {
  readonly dir: string;
  /** Every stored mail, newest first. */
  list(): Promise<OutboxMail[]>;
  get(id: string): Promise<OutboxMail | undefined>;
}

const ID = /^\d{13}-[0-9a-f]{8}$/;

/** RFC 2047 encoded word for non-ASCII header text. */
const header = (s: string) =>
  /^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s).toString("base64")}?=`;
const wrap = (b64: string) => b64.replace(/.{1,76}/g, "$&\r\n");

/** A MIME message (text + HTML alternatives, attachments) that mail clients open. */
export function toEml(mail: OutboxMail): string {
  const mixed = `mixed-${mail.id}`;
  const alt = `alt-${mail.id}`;
  const part = (type: string, body: string) =>
    `Content-Type: ${type}\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(Buffer.from(body).toString("base64"))}`;
  const lines = [
    `From: ${mail.from}`,
    `To: ${mail.to}`,
    `Subject: ${header(mail.subject)}`,
    `Date: ${new Date(mail.sentAt).toUTCString()}`,
    `Content-Language: ${mail.lang}`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
    "",
    `--${mixed}`,
    `Content-Type: multipart/alternative; boundary="${alt}"`,
    "",
    `--${alt}`,
    part("text/plain; charset=utf-8", mail.text),
    `--${alt}`,
    part("text/html; charset=utf-8", mail.html),
    `--${alt}--`,
    ...(mail.attachments ?? []).flatMap((a) => [
      `--${mixed}`,
      `Content-Type: ${a.contentType}; name="${a.name}"\r\nContent-Disposition: attachment; filename="${a.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(a.contentBytes)}`,
    ]),
    `--${mixed}--`,
    "",
  ];
  return lines.join("\r\n");
}

/** Creates the outbox adapter (development and tests only; the composition root decides). */
export function createOutboxSender(opts: { dir: string; from?: string; now?: () => Date }): OutboxSender {
  const dir = path.resolve(opts.dir);
  const now = opts.now ?? (() => new Date());
  const read = async (id: string): Promise<OutboxMail | undefined> => {
    if (!ID.test(id)) return undefined;
    try {
      return JSON.parse(await readFile(path.join(dir, `${id}.json`), "utf8")) as OutboxMail;
    } catch {
      return undefined;
    }
  };
  return {
    kind: "outbox",
    dir,
    async send(message) {
      await mkdir(dir, { recursive: true });
      const at = now();
      const id = `${at.getTime()}-${randomBytes(4).toString("hex")}`;
      const mail: OutboxMail = {
        ...message,
        id,
        from: opts.from ?? "dialogi@localhost",
        sentAt: at.toISOString(),
      };
      await writeFile(path.join(dir, `${id}.eml`), toEml(mail));
      // JSON last: list() sees a mail only once both files exist.
      await writeFile(path.join(dir, `${id}.json`), JSON.stringify(mail, null, 2));
    },
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const ids = names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -5));
      const mails = await Promise.all(ids.map(read));
      return mails.filter((m): m is OutboxMail => !!m).sort((a, b) => b.id.localeCompare(a.id));
    },
    get: read,
  };
}

/** True for the outbox adapter (it has a dev index; Graph does not). */
export const isOutbox = (sender: MailSender): sender is OutboxSender => sender.kind === "outbox";
