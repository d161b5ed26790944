import { html, type SafeHtml } from "../../../platform/http/html";
import type { Language } from "../../../platform/i18n/i18n";
import type { MailAttachment, MailMessage } from "../../../platform/mail/mail-sender";
import { dialogueCalendar, dialogueT, whenText, type Dialogue } from "../../dialogues";
import { placeText } from "../pages/dialogue-facts";
import { publicT } from "../texts";

/** One link in a mail: shown as a link in HTML and as "text: url" in the plain part. */
interface MailLink {
  href: string;
  text: string;
}

/** The calendar entry of the dialogue, in the reader's language. */
export function calendarAttachment(lang: Language, d: Dialogue): MailAttachment {
  const t = dialogueT(lang);
  const ics = dialogueCalendar(d, {
    themesHeading: t("card.themes"),
    agendaHeading: t("card.agenda"),
    breakoutLabel: t("card.breakout"),
  });
  return {
    name: `${d.id}.ics`,
    contentType: "text/calendar",
    contentBytes: Buffer.from(ics).toString("base64"),
  };
}

/**
 * Composes a mail in `lang`: greeting, the paragraphs, the main link (a button-like link), the
 * dialogue's when and where, the manage link and a footer. Every text is escaped.
 */
export function composeMail(input: {
  lang: Language;
  to: string;
  name: string;
  subject: string;
  dialogue: Dialogue;
  paragraphs: string[];
  action?: MailLink;
  manage?: MailLink;
  calendar?: boolean;
  extra?: { html: SafeHtml; text: string };
}): MailMessage {
  const t = publicT(input.lang);
  const dt = dialogueT(input.lang);
  const d = input.dialogue;
  const hello = input.name ? t("mail.hello", { name: input.name }) : "";
  const facts = `${whenText(dt, d)} · ${placeText(input.lang, d)}`;
  const footer = t("mail.footer", { title: d.title });
  const body = html`<div lang="${input.lang}">
    ${hello ? html`<p>${hello}</p>` : ""} ${input.paragraphs.map((p) => html`<p>${p}</p>`)}
    ${
      input.action
        ? html`<p>
            <a href="${input.action.href}"><strong>${input.action.text}</strong></a>
          </p>`
        : ""
    }
    ${input.extra?.html ?? ""}
    <p><strong>${d.title}</strong><br />${facts}</p>
    ${input.calendar ? html`<p>${t("mail.calendar")}</p>` : ""}
    ${input.manage ? html`<p><a href="${input.manage.href}">${input.manage.text}</a></p>` : ""}
    <p><small>${footer}</small></p>
  </div>`;
  const text = [
    hello,
    ...input.paragraphs,
    input.action ? `${input.action.text}: ${input.action.href}` : "",
    input.extra?.text ?? "",
    `${d.title}\n${facts}`,
    input.calendar ? t("mail.calendar") : "",
    input.manage ? `${input.manage.text}: ${input.manage.href}` : "",
    footer,
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    to: input.to,
    subject: input.subject,
    html: body.value,
    text,
    lang: input.lang,
    attachments: input.calendar ? [calendarAttachment(input.lang, d)] : [],
  };
}
