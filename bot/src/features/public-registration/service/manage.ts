import { publicT } from "../texts";
import type { PublicRegistrationDeps } from "./deps";
import type { RegistrantMail } from "./registrant-mail";

/** What happens to a registration after it was made: cancel, erase, expiry and the organisers' block. */
export function createManage(deps: PublicRegistrationDeps, mails: RegistrantMail) {
  const { access, store, now, logger } = deps;
  return {
    /** Cancel via the manage link; the person gets a confirmation mail. */
    async cancel(dialogueId: string, userKey: string) {
      const person = await store.getPerson(dialogueId, userKey);
      const result = await access.cancel(dialogueId, userKey);
      if (person && result.cancelled) {
        const t = publicT(person.uiLang);
        await mails.notify(
          person,
          result.dialogue,
          "selfCancelled",
          t("mail.selfCancelled", { title: result.dialogue.title }),
          undefined,
          `${dialogueId}|selfCancelled|${userKey}`,
        );
      }
      return result;
    },

    /** Delete my data: the seat is freed, then the registration, the address and its index go. */
    async erase(dialogueId: string, userKey: string) {
      const person = await store.getPerson(dialogueId, userKey);
      await access.erase(dialogueId, userKey);
      // Only this person's own address entry: after a cancel the address may have registered
      // again, and an older manage link must not free (or touch) that newer registration.
      const ref = person && (await store.getEmailRef(dialogueId, person.emailKey));
      if (person && ref?.kind === "person" && ref.id === userKey)
        await store.releaseEmail(dialogueId, person.emailKey, ref.etag);
      await store.deletePerson(dialogueId, userKey);
      const groupRows = (await deps.eraseMemberDetails?.(dialogueId, userKey)) ?? 0;
      logger.info("external registrant erased on request", { dialogueId, groupRows });
    },

    /** The expiry job: an unconfirmed registration and its address claim are deleted. */
    async expire(dialogueId: string, pendingId: string) {
      const pending = await store.getPending(dialogueId, pendingId);
      if (!pending) return;
      if (pending.expiresAt > now()) return;
      const ref = await store.getEmailRef(dialogueId, pending.emailKey);
      if (ref?.kind === "pending" && ref.id === pendingId)
        await store.releaseEmail(dialogueId, pending.emailKey, ref.etag);
      await store.deletePending(dialogueId, pendingId);
      logger.info("public registration expired", { dialogueId });
    },

    /** An organiser blocked this person's address for the dialogue: its later submits send nothing. */
    async block(dialogueId: string, userKey: string, byId: string): Promise<boolean> {
      const person = await store.getPerson(dialogueId, userKey);
      if (!person) return false;
      await store.block(dialogueId, person.emailKey, byId, now());
      logger.info("public registration address blocked", { dialogueId });
      return true;
    },
  };
}
