import { dialogueT, whenText, type Dialogue } from "../../dialogues";
import type { ExternalPerson } from "../store/public-store";
import type { PublicRegistrationDeps } from "./deps";
import type { RegistrantMail } from "./registrant-mail";

/** The confirm link's pending registration is gone or too old. */
export class ExpiredError extends Error {
  override name = "ExpiredError";
}

/** The confirm-link use cases: look up what a link points at, and confirm it. */
export function createConfirm(deps: PublicRegistrationDeps, mails: RegistrantMail) {
  const { access, store, tokens, now } = deps;

  /**
   * The pending registration a confirm link points at, or why not ("expired"/"confirmed"). A
   * used link leads to the manage page only until the link's own expiry (a double click, a
   * reload): after that it is expired like any other, so an old mail does not stay a key.
   */
  async function pendingFor(dialogueId: string, pendingId: string, linkExpires: number) {
    const pending = await store.getPending(dialogueId, pendingId);
    if (pending && pending.expiresAt > now()) return { pending } as const;
    const userKey = tokens.userKeyFor(dialogueId, pendingId);
    if (!pending && linkExpires > now().getTime() && (await store.getPerson(dialogueId, userKey)))
      return { confirmed: userKey } as const;
    return { expired: true } as const;
  }

  /**
   * Confirms: takes a seat or a waitlist place in the shared pool (idempotent: the user key is
   * derived from the pending id), records the person, frees the pending row and mails the
   * result with the manage link and the calendar file. Returns the user key.
   */
  async function confirm(
    dialogueId: string,
    pendingId: string,
    linkExpires: number,
  ): Promise<{ userKey: string; dialogue: Dialogue }> {
    const found = await pendingFor(dialogueId, pendingId, linkExpires);
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
      await mails.notify(
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
  }

  return { pendingFor, confirm };
}
