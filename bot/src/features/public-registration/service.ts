import { randomBytes } from "node:crypto";
import type { Logger } from "../../logger";
import type { Language } from "../../platform/i18n/i18n";
import type { JobQueue } from "../../platform/jobs/job-types";
import type { MailSender } from "../../platform/mail/mail-sender";
import { dialogueT, whenText, type Dialogue, type PublicAccess } from "../dialogues";
import type { PublicRegistrationInput } from "./domain/registration-form";
import type { Tokens } from "./domain/tokens";
import { composeMail } from "./mail/mails";
import type { ExternalPerson, PublicStore } from "./store/public-store";
import { publicT } from "./texts";
import type { MailBudget } from "./store/mail-budget";
import { closedReason } from "./domain/open-state";

/** An unconfirmed registration holds no seat and is deleted after this long. */
export const PENDING_TTL_MS = 30 * 60_000;
/** Manage links work until this long after the dialogue ends. */
export const MANAGE_LINK_AFTER_END_MS = 30 * 86_400_000;
/** Job kind that deletes an unconfirmed registration. */
export const EXPIRE_JOB = "publicRegistration.expire";

/** Dependencies of {@link createPublicRegistrationService}. */
export interface PublicRegistrationDeps {
  access: PublicAccess;
  store: PublicStore;
  tokens: Tokens;
  mail: MailSender;
  jobs: JobQueue;
  /** The per-dialogue budget of mails the form may cause (store/mail-budget.ts). */
  budget: MailBudget;
  /** Absolute base of links in mails (config.publicUrl). */
  baseUrl: string;
  now: () => Date;
  logger: Logger;
  /** The rounds feature's group rows keep names: erasure blanks them there too. */
  eraseMemberDetails?(dialogueId: string, userId: string): Promise<number>;
}

/** Job id of a pending registration's expiry: starts with the dialogue id, so erasing the dialogue cancels it. */
export const expireJobId = (dialogueId: string, pendingId: string) => `${dialogueId}-pending-${pendingId}`;

/**
 * The public registration use cases: submit (double opt-in: a confirmation mail, no seat yet),
 * confirm (the seat or waitlist place, in the shared pool), cancel and erase via the manage link,
 * expiry of unconfirmed submissions. Mail failures are logged with ids only.
 */
export function createPublicRegistrationService(deps: PublicRegistrationDeps) {
  const { access, store, tokens, mail, now, logger } = deps;
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

  /** One mail from the dialogue's form budget (throws MailBudgetError: nothing is stored or sent). */
  const takeBudget = async (dialogueId: string) =>
    deps.budget.take(dialogueId, now(), await store.organiserConfirmed(dialogueId));

  async function sendConfirmRequest(
    d: Dialogue,
    pendingId: string,
    expires: Date,
    lang: Language,
    to: string,
    name: string,
  ) {
    const t = publicT(lang);
    const href = `${base}/register/${d.id}/confirm?${tokens.confirmQuery(d.id, pendingId, expires.getTime())}`;
    return send(
      d.id,
      "confirmRequest",
      composeMail({
        lang,
        to,
        name,
        dialogue: d,
        subject: t("mail.confirmRequest.subject", { title: d.title }),
        paragraphs: [t("mail.confirmRequest.text", { title: d.title, when: whenText(dialogueT(lang), d) })],
        action: { href, text: t("mail.confirmRequest.button") },
      }),
    );
  }

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
    await sendConfirmRequest(d, pendingId, expiresAt, lang, input.email, input.name);
  }

  const service = {
    manageUrl,

    /**
     * A valid form was sent. Whatever the address's state, the caller shows the same "check your
     * e-mail" page: a new address gets a confirmation link, an unconfirmed one a fresh link, a
     * registered one a note with its manage link — only the owner of the mailbox learns which.
     */
    async submit(dialogueId: string, lang: Language, input: PublicRegistrationInput): Promise<void> {
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
          const t = publicT(person.uiLang);
          await send(
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
          logger.info("public registration repeated", { dialogueId: d.id });
          return;
        }
        // Cancelled earlier: the address may register again.
        await store.releaseEmail(d.id, emailKey, ref.etag);
      } else if (ref?.kind === "pending") {
        const pending = await store.getPending(d.id, ref.id);
        if (pending && pending.expiresAt > now()) {
          // Not confirmed yet: the first answers and consent stay (a second submitter must not
          // replace them unseen); the link goes to the mailbox again and its confirm page shows
          // what confirming saves. Other answers can be given once this one has expired.
          await takeBudget(d.id);
          await sendConfirmRequest(
            d,
            pending.pendingId,
            pending.expiresAt,
            pending.uiLang,
            pending.input.email,
            pending.input.name,
          );
          return;
        }
        if (pending) await store.deletePending(d.id, pending.pendingId);
        await store.releaseEmail(d.id, emailKey, ref.etag);
      }
      await startPending(d, emailKey, lang, input);
      logger.info("public registration pending", { dialogueId: d.id });
    },

    /**
     * The pending registration a confirm link points at, or why not ("expired"/"confirmed"). A
     * used link leads to the manage page only until the link's own expiry (a double click, a
     * reload): after that it is expired like any other, so an old mail does not stay a key.
     */
    async pendingFor(dialogueId: string, pendingId: string, linkExpires: number) {
      const pending = await store.getPending(dialogueId, pendingId);
      if (pending && pending.expiresAt > now()) return { pending } as const;
      const userKey = tokens.userKeyFor(dialogueId, pendingId);
      if (!pending && linkExpires > now().getTime() && (await store.getPerson(dialogueId, userKey)))
        return { confirmed: userKey } as const;
      return { expired: true } as const;
    },

    /**
     * Confirms: takes a seat or a waitlist place in the shared pool (idempotent: the user key is
     * derived from the pending id), records the person, frees the pending row and mails the
     * result with the manage link and the calendar file. Returns the user key.
     */
    async confirm(
      dialogueId: string,
      pendingId: string,
      linkExpires: number,
    ): Promise<{ userKey: string; dialogue: Dialogue }> {
      const found = await service.pendingFor(dialogueId, pendingId, linkExpires);
      if ("confirmed" in found)
        return { userKey: found.confirmed!, dialogue: await access.dialogue(dialogueId) };
      if (!("pending" in found) || !found.pending) throw new ExpiredError();
      const p = found.pending;
      const userKey = tokens.userKeyFor(dialogueId, pendingId);
      const { registration, dialogue, already } = await access.register({
        dialogueId,
        userId: userKey,
        // Without consent the organisers see "External participant" (the name stays with us).
        name: p.input.consent ? p.input.name : "",
        uiLang: p.uiLang,
        answers: {
          language: p.input.language,
          organisation: p.input.organisation,
          background: p.input.background,
          accessibility: p.input.accessibility,
          scribe: false,
          ...(p.input.attendance ? { attendance: p.input.attendance } : {}),
        },
      });
      const person: ExternalPerson = {
        dialogueId,
        userKey,
        emailKey: p.emailKey,
        email: p.input.email,
        name: p.input.name,
        uiLang: p.uiLang,
        consent: p.input.consent,
        confirmedAt: now(),
      };
      await store.putPerson(person);
      await store.setEmailRef(dialogueId, p.emailKey, { kind: "person", id: userKey });
      // The expiry job stays: it finds no pending row and does nothing (saves writes per confirm).
      await store.deletePending(dialogueId, pendingId);
      if (!already) {
        const dt = dialogueT(p.uiLang);
        const key = registration.status === "confirmed" ? "notify.confirmed" : "notify.waitlisted";
        await service.notify(
          person,
          dialogue,
          registration.status === "confirmed" ? "confirmed" : "waitlisted",
          dt(key, { title: dialogue.title, when: whenText(dt, dialogue) }),
          undefined,
          // One confirmation per person (a repeated confirm click mails nothing twice).
          `${dialogueId}|registered|${userKey}`,
        );
      }
      return { userKey, dialogue };
    },

    /** Mails one notice (confirmation, promotion, reminder, change, organisers' message…). */
    notify(
      person: ExternalPerson,
      d: Dialogue,
      kind: string,
      text: string,
      extra?: Parameters<typeof composeMail>[0]["extra"],
      /** Records the mail under this key (a rerun of the same decision mails nothing twice). */
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

    /** Cancel via the manage link; the person gets a confirmation mail. */
    async cancel(dialogueId: string, userKey: string) {
      const person = await store.getPerson(dialogueId, userKey);
      const result = await access.cancel(dialogueId, userKey);
      if (person && result.cancelled) {
        const t = publicT(person.uiLang);
        await service.notify(
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

    person: (dialogueId: string, userKey: string) => store.getPerson(dialogueId, userKey),

    /** An organiser blocked this person's address for the dialogue: its later submits send nothing. */
    async block(dialogueId: string, userKey: string, byId: string): Promise<boolean> {
      const person = await store.getPerson(dialogueId, userKey);
      if (!person) return false;
      await store.block(dialogueId, person.emailKey, byId, now());
      logger.info("public registration address blocked", { dialogueId });
      return true;
    },
  };
  return service;
}

/** The confirm link's pending registration is gone or too old. */
export class ExpiredError extends Error {
  override name = "ExpiredError";
}

/** The service type. */
export type PublicRegistrationService = ReturnType<typeof createPublicRegistrationService>;
