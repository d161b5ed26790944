import type { Config } from "../config";
import type { DialoguesFeature } from "../features/dialogues/index";
import { createPublicRegistrationFeature } from "../features/public-registration/index";
import type { RoundsFeature } from "../features/rounds/index";
import type { FeatureInstallTarget } from "../platform/feature";
import { isOutbox } from "../platform/mail/outbox";
import { outboxRoutes } from "../platform/mail/outbox-route";
import type { ComposedMail } from "./mail";
import type { ComposeOverrides } from "./overrides";
import type { Runtime } from "./runtime";

/** What {@link installPublicRegistration} wires the public pages to. */
export interface PublicRegistrationWiring {
  config: Config;
  rt: Runtime;
  mail: ComposedMail;
  overrides: ComposeOverrides;
  dialogues: DialoguesFeature;
  rounds: RoundsFeature;
  into: FeatureInstallTarget;
}

/**
 * Installs the public registration pages, their e-mails and expiry job when there is a mail
 * sender (public registration on); in local mode also the dev outbox page.
 */
export function installPublicRegistration(w: PublicRegistrationWiring): void {
  const { config, rt, overrides, into } = w;
  const { mail, mailbox } = w.mail;
  if (!mail) return;
  const baseUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const { store, jobQueue: jobs, logger, now } = rt;
  const publicDeps = { store, jobs, logger, now, mail, secret: config.publicRegistration.secret, baseUrl };
  const publicFeature = createPublicRegistrationFeature({
    ...publicDeps,
    dialogues: w.dialogues,
    rounds: w.rounds,
    limits: overrides.publicLimits,
    proxy: { trustProxy: config.trustProxy },
    mailBudget: overrides.publicMailBudget,
    contact: config.support.email,
  });
  publicFeature.install(into);
  // The outbox page shows every mail with its confirm and manage links: local mode only.
  if (mailbox && isOutbox(mailbox) && config.localMode) into.routes.push(outboxRoutes(mailbox));
}
