import { createConfirm } from "./confirm";
import type { PublicRegistrationDeps } from "./deps";
import { createManage } from "./manage";
import { createRegistrantMail } from "./registrant-mail";
import { createSubmit } from "./submit";

export {
  EXPIRE_JOB,
  expireJobId,
  MANAGE_LINK_AFTER_END_MS,
  PENDING_TTL_MS,
  type PublicRegistrationDeps,
} from "./deps";
export { ExpiredError } from "./confirm";

/**
 * The public registration use cases: submit (double opt-in: a confirmation mail, no seat yet),
 * confirm (the seat or waitlist place, in the shared pool), cancel and erase via the manage link,
 * expiry of unconfirmed submissions. Mail failures are logged with ids only.
 * Each use case lives in its own module of this folder; this assembles them into one object.
 */
export function createPublicRegistrationService(deps: PublicRegistrationDeps) {
  const mails = createRegistrantMail(deps);
  const { pendingFor, confirm } = createConfirm(deps, mails);
  return {
    manageUrl: mails.manageUrl,
    submit: createSubmit(deps, mails),
    pendingFor,
    confirm,
    notify: mails.notify,
    ...createManage(deps, mails),
    person: (dialogueId: string, userKey: string) => deps.store.getPerson(dialogueId, userKey),
  };
}

/** The service type. */
export type PublicRegistrationService = ReturnType<typeof createPublicRegistrationService>;
