import { createHash } from "node:crypto";
import type { Language } from "../../../platform/i18n/i18n";
import type { MailSender } from "../../../platform/mail/mail-sender";
import { dialogueT, whenText, type Dialogue } from "../../dialogues";
import { composeMail } from "../mail/mails";
import type { ExternalPerson } from "../store/public-store";
import { publicT } from "../texts";
import { MANAGE_LINK_AFTER_END_MS, type PublicRegistrationDeps } from "./deps";

const digest = (s: string) => createHash("sha256").update(s).digest("base64url").slice(0, 22);

/** Extra lines a notice may carry (e.g. a group's room link). */
export type NoticeExtra = Parameters<typeof composeMail>[0]["extra"];

/**
 * The mails the public registration sends to one registrant, and the signed links in them.
 * A failed send is logged with ids only and reported as `false`: the registration itself stands.
 */
export function createRegistrantMail(deps: PublicRegistrationDeps) {
  const { tokens, mail, logger } = deps;
  const base = deps.baseUrl.replace(/\/$/, "");

  const manageUrl = (d: Dialogue, userKey: string) =>
    `${base}/register/${d.id}/manage?${tokens.manageQuery(d.id, userKey, d.end.getTime() + MANAGE_LINK_AFTER_END_MS)}`;
  const manageLink = (lang: Language, d: Dialogue, userKey: string) => ({
    href: manageUrl(d, userKey),
    text: publicT(lang)("mail.manage"),
  });

  async function send(dialogueId: string, what: string, message: Parameters<MailSender["send"]>[0]) {
    try {
      await mail.send(message);
      logger.info("public registration mail sent", { dialogueId, what, via: mail.kind });
      return true;
    } catch (err) {
      logger.warn("public registration mail failed", { dialogueId, what, error: (err as Error)?.name });
      return false;
    }
  }

  return {
    manageUrl,

    /**
     * The double opt-in mail: a link that confirms the pending registration until `expires`.
     * Keyed by the pending registration and `version` (its request mails before this one), so the
     * same decision recorded again (a double submit, a rerun) mails nothing twice.
     */
    confirmRequest(
      d: Dialogue,
      pendingId: string,
      version: number,
      expires: Date,
      lang: Language,
      to: string,
      name: string,
    ) {
      const t = publicT(lang);
      const href = `${base}/register/${d.id}/confirm?${tokens.confirmQuery(d.id, pendingId, expires.getTime())}`;
      return send(d.id, "confirmRequest", {
        // A digest of the pending id: the key is shown to organisers with the deliveries.
        idempotencyKey: `confirmRequest|${digest(pendingId)}|${version}`,
        dialogueId: d.id,
        ...composeMail({
          lang,
          to,
          name,
          dialogue: d,
          subject: t("mail.confirmRequest.subject", { title: d.title }),
          paragraphs: [t("mail.confirmRequest.text", { title: d.title, when: whenText(dialogueT(lang), d) })],
          action: { href, text: t("mail.confirmRequest.button") },
        }),
      });
    },

    /** The address is registered already: a note with its manage link, nothing else changes. */
    alreadyRegistered(person: ExternalPerson, d: Dialogue) {
      const t = publicT(person.uiLang);
      return send(
        d.id,
        "already",
        composeMail({
          lang: person.uiLang,
          to: person.email,
          name: person.name,
          dialogue: d,
          subject: t("mail.already.subject", { title: d.title }),
          paragraphs: [t("mail.already.text", { title: d.title })],
          manage: manageLink(person.uiLang, d, person.userKey),
        }),
      );
    },

    /**
     * Mails one notice (confirmation, promotion, reminder, change, organisers' message…).
     * `idempotencyKey` records the mail under the decision's key: a rerun of the same decision
     * mails nothing twice.
     */
    notify(
      person: ExternalPerson,
      d: Dialogue,
      kind: string,
      text: string,
      extra?: NoticeExtra,
      idempotencyKey?: string,
    ) {
      const t = publicT(person.uiLang);
      return send(d.id, kind, {
        idempotencyKey,
        ...composeMail({
          lang: person.uiLang,
          to: person.email,
          name: person.name,
          dialogue: d,
          subject: t(`mail.subject.${kind}`, { title: d.title }),
          paragraphs: [text],
          extra,
          manage: kind === "cancelled" ? undefined : manageLink(person.uiLang, d, person.userKey),
          calendar: kind !== "message" && kind !== "group",
        }),
      });
    },
  };
}

/** The registrant mails. */
export type RegistrantMail = ReturnType<typeof createRegistrantMail>;
