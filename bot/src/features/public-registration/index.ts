import type { Logger } from "../../logger";
import type { FeatureInstallTarget } from "../../platform/feature";
import type { ProxyTrust } from "../../platform/http/proxy";
import { createRateLimiter } from "../../platform/http/rate-limit";
import type { RouteModule } from "../../platform/http/server";
import type { JobHandler, JobQueue } from "../../platform/jobs/job-types";
import type { MailSender } from "../../platform/mail/mail-sender";
import type { TableStore } from "../../platform/tables/table-store";
import { isDialogueId, type ExternalChannelHook, type PublicAccess } from "../dialogues";
import type { ExternalMemberHook } from "../rounds";
import { createMailChannels } from "./channel";
import { createTokens } from "./domain/tokens";
import { publicRegistrationRoutes, PUBLIC_FORM_PATHS as ROUTE_FORM_PATHS, type PublicLimits } from "./routes";
import { ORGANISER_FORM_PATH, organiserAddress } from "./organiser-address";
import { createPublicRegistrationService, EXPIRE_JOB, type PublicRegistrationService } from "./service";
import { createPublicStore } from "./store/public-store";
import { createMailBudget, DEFAULT_MAIL_BUDGET, type MailBudgetLimits } from "./store/mail-budget";

/** The public pages' form posts: registration, confirm, manage, and the organiser's address confirm. */
export const PUBLIC_FORM_PATHS: readonly RegExp[] = [...ROUTE_FORM_PATHS, ORGANISER_FORM_PATH];

/** Default abuse limits (see docs/public-registration.md); tests and load runs may override. */
export const DEFAULT_PUBLIC_LIMITS = {
  perIp: { burst: 20, perSecond: 1 / 30 },
  perDialogue: { burst: 300, perSecond: 5 },
  perEmail: { burst: 3, perSecond: 1 / 600 },
  minFillMs: 3000,
  maxFillMs: 24 * 3600_000,
};

/** Overridable limits: token-bucket sizes and the form's time window. */
export type PublicLimitOptions = typeof DEFAULT_PUBLIC_LIMITS;

/** What public registration needs from the composition root and the dialogues/rounds features. */
export interface PublicRegistrationDeps {
  store: TableStore;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  mail: MailSender;
  /** Keys e-mail HMACs and signs confirm/manage/form tokens (config.publicRegistration.secret). */
  secret: string;
  /** Absolute base of links in e-mails. */
  baseUrl: string;
  dialogues: { publicAccess: PublicAccess; external: ExternalChannelHook };
  rounds: {
    externalMembers: ExternalMemberHook;
    /** Erasure on request also blanks the person's name in the dialogue's group rows. */
    eraseMemberDetails?(dialogueId: string, userId: string): Promise<number>;
  };
  limits?: Partial<PublicLimitOptions>;
  /** Whose X-Forwarded-For to believe for the per-address limit (config `TRUST_PROXY`). */
  proxy?: ProxyTrust;
  /** The per-dialogue mail budget (defaults: DEFAULT_MAIL_BUDGET); tests and load runs may override. */
  mailBudget?: Partial<MailBudgetLimits>;
  /** The data-protection contact named in the page's privacy notice (config.support.email). */
  contact?: string;
}

export type { MailBudgetLimits } from "./store/mail-budget";
export { DEFAULT_MAIL_BUDGET } from "./store/mail-budget";

/** The wired feature. */
export interface PublicRegistrationFeature {
  routes: RouteModule[];
  jobHandlers: Record<string, JobHandler>;
  service: PublicRegistrationService;
  /** Adds routes and the expiry job; installs the e-mail channels into dialogues and rounds. */
  install(into: FeatureInstallTarget): void;
}

/** Builds the public registration feature (page, confirm, manage, e-mails, expiry job). */
export function createPublicRegistrationFeature(deps: PublicRegistrationDeps): PublicRegistrationFeature {
  const tokens = createTokens(deps.secret);
  const access = deps.dialogues.publicAccess;
  const table = deps.store.table("PublicRegistrants");
  const store = createPublicStore(table);
  const budget = createMailBudget(table, { ...DEFAULT_MAIL_BUDGET, ...deps.mailBudget });
  const organiser = organiserAddress({
    ...{ access, store, budget, tokens, mail: deps.mail, baseUrl: deps.baseUrl },
    ...{ now: deps.now, logger: deps.logger },
  });
  const service = createPublicRegistrationService({
    access,
    store,
    budget,
    tokens,
    mail: deps.mail,
    jobs: deps.jobs,
    baseUrl: deps.baseUrl,
    now: deps.now,
    logger: deps.logger,
    eraseMemberDetails: deps.rounds.eraseMemberDetails,
  });
  const o = { ...DEFAULT_PUBLIC_LIMITS, ...deps.limits };
  const limits: PublicLimits = {
    perIp: createRateLimiter(o.perIp),
    perDialogue: createRateLimiter(o.perDialogue),
    perEmail: createRateLimiter(o.perEmail),
    minFillMs: o.minFillMs,
    maxFillMs: o.maxFillMs,
  };
  const routes = [
    publicRegistrationRoutes({
      ...{ service, access, tokens, limits, now: deps.now, logger: deps.logger },
      proxy: deps.proxy,
      contact: deps.contact,
    }),
    organiser.routes,
  ];
  const jobHandlers: Record<string, JobHandler> = {
    async [EXPIRE_JOB](payload) {
      const { dialogueId, pendingId } = payload;
      if (!isDialogueId(dialogueId) || typeof pendingId !== "string" || !/^[0-9a-f]{32}$/.test(pendingId))
        return;
      await service.expire(dialogueId, pendingId);
    },
  };
  const channels = createMailChannels(service);
  return {
    routes,
    jobHandlers,
    service,
    install(into) {
      deps.dialogues.external.install(channels.dialogues);
      deps.rounds.externalMembers.install(channels.rounds);
      into.routes.push(...routes);
      into.actions.push(organiser.action);
      for (const [kind, handler] of Object.entries(jobHandlers)) into.runner.register(kind, handler);
    },
  };
}
