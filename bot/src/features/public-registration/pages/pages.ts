import { html, type SafeHtml } from "../../../platform/http/html";
import type { Language } from "../../../platform/i18n/i18n";
import { dialogueT, type Dialogue, type Registration } from "../../dialogues";
import type { PublicRegistrationInput } from "../domain/registration-form";
import { publicT } from "../texts";
import { dialogueFacts } from "./dialogue-facts";
import { layout } from "./layout";

/** A short page: heading, paragraphs and an optional link onwards. */
export function messagePage(input: {
  lang: Language;
  title: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  switchUrl?: (l: Language) => string;
}): SafeHtml {
  return layout({
    lang: input.lang,
    title: input.title,
    switchUrl: input.switchUrl,
    body: html`<h1>${input.title}</h1>
      ${input.paragraphs.map((p) => html`<p>${p}</p>`)}
      ${input.link ? html`<p><a href="${input.link.href}">${input.link.text}</a></p>` : ""}`,
  });
}

/**
 * The confirm step: a button, not the GET itself, takes the seat — mail scanners that open links
 * ahead of the reader must not confirm for them.
 */
export function confirmPage(input: {
  lang: Language;
  dialogue: Dialogue;
  query: URLSearchParams;
  /** The answers that confirming saves: the mailbox's owner sees what was typed for them. */
  answers?: PublicRegistrationInput;
}): SafeHtml {
  const t = publicT(input.lang);
  const dt = dialogueT(input.lang);
  const d = input.dialogue;
  const a = input.answers;
  const rows: [string, string][] = a
    ? [
        [t("form.name"), a.name],
        [t("form.email"), a.email],
        [t("form.organisation"), a.organisation],
        [t("form.background"), a.background ? dt(`background.${a.background}`) : ""],
        [t("form.language"), dt(`language.${a.language}`)],
        [t("form.attendance"), a.attendance ? t(`form.${a.attendance}`) : ""],
        [t("form.accessibility"), a.accessibility],
      ]
    : [];
  return layout({
    lang: input.lang,
    title: t("confirm.title"),
    switchUrl: (l) => `/register/${d.id}/confirm?${input.query}&lang=${l}`,
    body: html`<h1>${t("confirm.title")}</h1>
      <p>${t("confirm.text", { title: d.title })}</p>
      ${
        a
          ? html`<h2>${t("confirm.answers")}</h2>
              <dl class="facts">
                ${rows
                  .filter(([, v]) => v)
                  .map(
                    ([k, v]) =>
                      html`<dt>${k}</dt>
                        <dd>${v}</dd>`,
                  )}
              </dl>
              <p>${t(a.consent ? "confirm.consentYes" : "confirm.consentNo")}</p>
              <p>${t("confirm.notYou")}</p>`
          : ""
      }
      <form method="post" action="/register/${d.id}/confirm">
        <input type="hidden" name="lang" value="${input.lang}" />
        ${[...input.query.entries()].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
        <button type="submit">${t("confirm.button")}</button>
      </form>
      ${dialogueFacts(input.lang, d)}`,
  });
}

/**
 * "Your registration": status, the join link when seated, cancel and delete-my-data buttons.
 * After the dialogue has ended it says so instead: no seat to go to, nothing to cancel (a cancel
 * then would only pass a seat nobody can use, by mail), but the data can still be deleted.
 */
export function managePage(input: {
  lang: Language;
  dialogue: Dialogue;
  registration?: Registration;
  query: URLSearchParams;
  notice?: "confirmed" | "cancelled";
  ended?: boolean;
}): SafeHtml {
  const t = publicT(input.lang);
  const d = input.dialogue;
  const r = input.registration;
  const status = r?.status ?? "cancelled";
  const ended = input.ended === true;
  const active = !ended && (status === "confirmed" || status === "waitlisted");
  const hidden = html`<input type="hidden" name="lang" value="${input.lang}" />
    ${[...input.query.entries()].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}`;
  return layout({
    lang: input.lang,
    title: `${t("manage.title")}: ${d.title}`,
    switchUrl: (l) => `/register/${d.id}/manage?${input.query}&lang=${l}`,
    body: html`<h1>${t("manage.title")}: ${d.title}</h1>
      ${input.notice ? html`<p class="notice" role="status">${t(`manage.notice.${input.notice}`)}</p>` : ""}
      ${
        ended
          ? html`<p><strong>${t("manage.ended")}</strong></p>`
          : // Just cancelled: the notice already says so; the status would repeat it.
            input.notice === "cancelled" && status === "cancelled"
            ? ""
            : html`<p><strong>${t(`manage.status.${status}`)}</strong></p>`
      }
      ${
        !ended && status === "confirmed" && d.meetingUrl && d.mode !== "inPerson" && d.state === "open"
          ? html`<p><a href="${d.meetingUrl}">${t("manage.joinMeeting")}</a></p>`
          : ""
      }
      ${dialogueFacts(input.lang, d)}
      ${
        active
          ? html`<h2>${t("manage.cancel")}</h2>
              <p>${t(status === "waitlisted" ? "manage.cancelHintWaitlisted" : "manage.cancelHint")}</p>
              <form method="post" action="/register/${d.id}/manage/cancel">
                ${hidden}
                <button type="submit" class="secondary">${t("manage.cancel")}</button>
              </form>`
          : ""
      }
      <h2>${t("manage.delete")}</h2>
      <p>${t("manage.deleteHint")}</p>
      <form method="post" action="/register/${d.id}/manage/delete">
        ${hidden}
        <button type="submit" class="danger">${t("manage.delete")}</button>
      </form>`,
  });
}
