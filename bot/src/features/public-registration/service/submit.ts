import { randomBytes } from "node:crypto";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue } from "../../dialogues";
import { closedReason } from "../domain/open-state";
import type { PublicRegistrationInput } from "../domain/registration-form";
import type { PendingRegistration } from "../store/public-store";
import {
  EXPIRE_JOB,
  expireJobId,
  PENDING_TTL_MS,
  RESEND_AFTER_MS,
  type PublicRegistrationDeps,
} from "./deps";
import type { RegistrantMail } from "./registrant-mail";

/**
 * The form's submit use case. Whatever the address's state, the caller shows the same "check your
 * e-mail" page: a new address gets a confirmation link, an unconfirmed one a fresh link, a
 * registered one a note with its manage link — only the owner of the mailbox learns which.
 */
export function createSubmit(deps: PublicRegistrationDeps, mails: RegistrantMail) {
  const { access, store, tokens, now, logger } = deps;

  /** One mail from the dialogue's form budget (throws MailBudgetError: nothing is stored or sent). */
  const takeBudget = async (dialogueId: string) =>
    deps.budget.take(dialogueId, now(), await store.organiserConfirmed(dialogueId));

  /** Starts a new pending registration for an address that has none. */
  async function startPending(d: Dialogue, emailKey: string, lang: Language, input: PublicRegistrationInput) {
    await takeBudget(d.id);
    const pendingId = randomBytes(16).toString("hex");
    const createdAt = now();
    const expiresAt = new Date(createdAt.getTime() + PENDING_TTL_MS);
    await store.putPending({
      dialogueId: d.id,
      pendingId,
      emailKey,
      uiLang: lang,
      input,
      createdAt,
      expiresAt,
    });
    if (!(await store.claimEmail(d.id, emailKey, { kind: "pending", id: pendingId }))) {
      // The same address was submitted at the same moment: that one goes on, this one is dropped.
      await store.deletePending(d.id, pendingId);
      return;
    }
    await deps.jobs.schedule({
      id: expireJobId(d.id, pendingId),
      kind: EXPIRE_JOB,
      dueAt: expiresAt,
      payload: { dialogueId: d.id, pendingId },
    });
    await mails.confirmRequest(d, pendingId, 0, expiresAt, lang, input.email, input.name);
  }

  /**
   * The same address submitted again while its registration is pending. Within RESEND_AFTER_MS
   * of the last request mail it is the same decision (two tabs, a double click, a retried POST):
   * the mail is recorded again under the same key, which sends nothing twice but does send it if
   * a crash left it unrecorded. Later, the link is mailed again under the next version, counted
   * in the budget; of two submits at once only the one that records the version mails.
   */
  async function resendRequest(d: Dialogue, first: PendingRegistration & { etag: string }) {
    let p = first;
    for (let i = 0; i < 3 && now().getTime() - p.mailedAt!.getTime() >= RESEND_AFTER_MS; i++) {
      await takeBudget(d.id);
      if (await store.markPendingMailed(p, p.etag, now())) {
        const version = (p.mails ?? 0) + 1;
        await mails.confirmRequest(
          d,
          p.pendingId,
          version,
          p.expiresAt,
          p.uiLang,
          p.input.email,
          p.input.name,
        );
        return;
      }
      // Another submit recorded a mail first (or the registration was confirmed meanwhile).
      const again = await store.getPending(d.id, p.pendingId);
      if (!again) return;
      p = again;
    }
    await mails.confirmRequest(
      d,
      p.pendingId,
      p.mails ?? 0,
      p.expiresAt,
      p.uiLang,
      p.input.email,
      p.input.name,
    );
  }

  return async function submit(
    dialogueId: string,
    lang: Language,
    input: PublicRegistrationInput,
  ): Promise<void> {
    const d = await access.dialogue(dialogueId);
    // An ended dialogue sends nothing: a confirmation link would only lead to a closed page.
    if (closedReason(d, now())) return;
    const emailKey = tokens.emailKey(input.email);
    // An address the organisers blocked for this dialogue gets the same page and no mail.
    if (await store.isBlocked(d.id, emailKey)) {
      logger.info("public registration blocked address", { dialogueId: d.id });
      return;
    }
    const ref = await store.getEmailRef(d.id, emailKey);
    if (ref?.kind === "person") {
      const reg = await access.registration(d.id, ref.id);
      const person = await store.getPerson(d.id, ref.id);
      if (person && reg && reg.status !== "cancelled") {
        await takeBudget(d.id);
        await mails.alreadyRegistered(person, d);
        logger.info("public registration repeated", { dialogueId: d.id });
        return;
      }
      // Cancelled earlier: the address may register again.
      await store.releaseEmail(d.id, emailKey, ref.etag);
    } else if (ref?.kind === "pending") {
      const pending = await store.getPending(d.id, ref.id);
      if (pending && pending.expiresAt > now()) {
        // Not confirmed yet: the first answers and consent stay (a second submitter must not
        // replace them unseen); the link goes to the mailbox again (at most once per
        // RESEND_AFTER_MS) and its confirm page shows what confirming saves. Other answers can be
        // given once this one has expired.
        await resendRequest(d, pending);
        return;
      }
      if (pending) await store.deletePending(d.id, pending.pendingId);
      await store.releaseEmail(d.id, emailKey, ref.etag);
    }
    await startPending(d, emailKey, lang, input);
    logger.info("public registration pending", { dialogueId: d.id });
  };
}
