import type { Logger } from "../../../logger";
import type { JobQueue } from "../../../platform/jobs/job-types";
import type { MailSender } from "../../../platform/mail/mail-sender";
import type { PublicAccess } from "../../dialogues";
import type { Tokens } from "../domain/tokens";
import type { MailBudget } from "../store/mail-budget";
import type { PublicStore } from "../store/public-store";

/** An unconfirmed registration holds no seat and is deleted after this long. */
export const PENDING_TTL_MS = 30 * 60_000;
/**
 * A pending address submitted again within this long of its last confirmation-request mail gets
 * no second mail (a double submit, two tabs, a retried POST); later the link is mailed again.
 */
export const RESEND_AFTER_MS = 5 * 60_000;
/** Manage links work until this long after the dialogue ends. */
export const MANAGE_LINK_AFTER_END_MS = 30 * 86_400_000;
/** Job kind that deletes an unconfirmed registration. */
export const EXPIRE_JOB = "publicRegistration.expire";

/** Job id of a pending registration's expiry: starts with the dialogue id, so erasing the dialogue cancels it. */
export const expireJobId = (dialogueId: string, pendingId: string) => `${dialogueId}-pending-${pendingId}`;

/** Dependencies of the public registration service (and of each of its use-case modules). */
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
