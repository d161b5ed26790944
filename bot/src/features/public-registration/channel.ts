import { html } from "../../platform/http/html";
import { displayTime } from "../../platform/time/helsinki-time";
import { isExternalUserId, type ExternalChannel } from "../dialogues";
import type { ExternalMemberChannel } from "../rounds";
import type { PublicRegistrationService } from "./service";
import { publicT } from "./texts";

/**
 * The e-mail side of dialogues and rounds for public registrants: installed into the dialogues
 * feature's external channel (confirmation, promotion, reminders, changes, cancellation, the
 * organisers' messages, the CSV contact) and the rounds feature's member hook (group and room).
 */
export function createMailChannels(service: PublicRegistrationService): {
  dialogues: ExternalChannel;
  rounds: ExternalMemberChannel;
} {
  return {
    dialogues: {
      async notify({ kind, dialogue, registration, text, key }) {
        const person = await service.person(dialogue.id, registration.userId);
        return person ? service.notify(person, dialogue, kind, text, undefined, key) : false;
      },
      async sharedContact(dialogueId, userId) {
        const person = await service.person(dialogueId, userId);
        return person?.consent ? { name: person.name, email: person.email } : undefined;
      },
      block: (dialogueId, userId, byId) => service.block(dialogueId, userId, byId),
    },
    rounds: {
      owns: isExternalUserId,
      async sendGroup(n) {
        const person = await service.person(n.dialogue.id, n.member.userId);
        if (!person) return false;
        const t = publicT(person.uiLang);
        const heading = t("mail.group.heading", { round: n.group.round, group: n.group.group });
        const ends = n.endsAt ? t("mail.group.ends", { time: displayTime(n.endsAt) }) : "";
        const room = n.roomUrl
          ? {
              html: html`<p>
                <a href="${n.roomUrl}"><strong>${t("mail.group.join")}</strong></a>
              </p>`,
              text: `${t("mail.group.join")}: ${n.roomUrl}`,
            }
          : { html: html`<p>${t("mail.group.noLink")}</p>`, text: t("mail.group.noLink") };
        const others = n.others.length ? `${t("mail.group.others")}: ${n.others.join(", ")}` : "";
        const theme = n.theme ? `${t("mail.group.theme")}: ${n.theme}` : "";
        return service.notify(
          person,
          n.dialogue,
          "group",
          [heading, ends].filter(Boolean).join(" "),
          {
            html: html`${room.html}${theme ? html`<p>${theme}</p>` : ""}${others ? html`<p>${others}</p>` : ""}`,
            text: [room.text, theme, others].filter(Boolean).join("\n"),
          },
          n.key,
        );
      },
    },
  };
}
