import path from "node:path";
import {
  botAuthConfig,
  checkAuthBasics,
  devSignInEnabled,
  ssoConfig,
  type BotAuthConfig,
  type SsoConfig,
} from "./config/auth";
import { parseEnv } from "./config/env-schema";
import { graphConfig, type GraphConfig } from "./config/graph";
import { checkLocalModeAllowed, localAddress } from "./config/local-mode";
import { publicRegistrationConfig, type PublicRegistrationConfig } from "./config/public-registration";
import { publicOpenersConfig, type PublicOpeners } from "./config/public-openers";
import { dialogueRetentionDays } from "./config/retention";
import { rateLimitsConfig, type RateLimitsConfig } from "./config/rate-limits";
import { outboxConfig, type OutboxConfig } from "./config/outbox";
import { coordinatorsConfig, parseDomainRules, type CoordinatorRoleConfig } from "./config/roles";
import { devTokenSecretOf, linkSigningConfig } from "./config/secrets";
import { supportConfig, type SupportConfig } from "./config/support";
import { tablesConfig, type TablesConfig } from "./config/tables";

/**
 * The only reader of `process.env`. Everything else receives a validated {@link Config}.
 * Fails fast at start-up with a message naming the variable that is wrong. The schema and the
 * rules of each area live in `config/`; those modules only see the parsed environment.
 */

export { ConfigError } from "./config/errors";
export { DEFAULT_SUPPORT } from "./config/support";
export type { BotAuthConfig, GraphConfig, RateLimitsConfig, TablesConfig };

/** Validated application configuration. */
export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl?: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Application Insights connection string; telemetry is off without it. */
  appInsightsConnectionString?: string;
  bot: BotAuthConfig & { authEnabled: boolean };
  tables: TablesConfig;
  seedDemoData: boolean;
  sso: SsoConfig;
  /** Developer-machine mode (`LOCAL_MODE=true` / `--local`): loopback only, never behind a tunnel. */
  localMode: boolean;
  devSignIn: boolean;
  devTokenSecret: string;
  /**
   * Signs download and calendar links; the same on every instance and across restarts. Unset
   * only on a developer machine, before `main.ts` fills it from {@link Config.linkSecretFile}.
   */
  linkSigningSecret?: string;
  /**
   * The link-signing secret before the last rotation (LINK_SIGNING_SECRET_PREVIOUS): links
   * signed with it still verify, nothing new is signed with it (docs/deploy.md, rotation).
   */
  linkSigningPreviousSecret?: string;
  /** Where a developer machine keeps its stable link secret (under `.data/`). */
  linkSecretFile: string;
  /** Entra object ids (`oid`) of network coordinators (the app role `Dialogi.Coordinator` also counts). */
  coordinators: string[];
  /**
   * The bot reads the app role `Dialogi.Coordinator` from Entra through Graph (a bot activity
   * carries no token claims): the role's app (its service principal's object id, Graph's
   * `resourceId`) and the role's id. Undefined = in the bot only `coordinators` count.
   */
  coordinatorRole?: CoordinatorRoleConfig;
  /** Verified UPN domain or tenant id → organisation id, e.g. `vm.fi` → `vm`; members only, never guests. */
  membershipDomainRules: Record<string, string>;
  /** Folder of the built tab (served at `/`). */
  tabDist: string;
  /** How often each instance polls the Jobs table for due work. */
  jobPollMs: number;
  /** The durable outbox: sender lease, work queue, mail pacing. */
  outbox: OutboxConfig;
  /** Microsoft Graph; undefined when not configured (meetings then fall back to pasted links). */
  graph?: GraphConfig;
  /** Believe X-Forwarded-Proto/-For from one proxy hop in front (App Service's front end). */
  trustProxy: boolean;
  /** Send Strict-Transport-Security (production, or a https PUBLIC_URL). */
  hsts: boolean;
  /** Public registration (people outside the tenant, by e-mail); see {@link PublicRegistrationConfig}. */
  publicRegistration: PublicRegistrationConfig;
  /** Tenants whose users may open a dialogue to the public (config/public-openers.ts). */
  publicOpeners: PublicOpeners;
  /** Support contact shown to users (`SUPPORT_EMAIL`, `SUPPORT_URL`; see `DEFAULT_SUPPORT`). */
  support: SupportConfig;
  /** Per-user abuse limits (message extension searches; see {@link RateLimitsConfig}). */
  rateLimits: RateLimitsConfig;
  /**
   * Days after a dialogue's end until its personal data is erased automatically
   * (`DIALOGUE_RETENTION_DAYS`, default 365); undefined only when set to `off`.
   */
  dialogueRetentionDays?: number;
}

/** Options of {@link loadConfig} that do not come from the environment. */
export interface LoadConfigOptions {
  /** `--local` on the command line: the same as `LOCAL_MODE=true`. */
  local?: boolean;
  /** A command-line tool that serves nothing (import): bot and link settings are not required. */
  tool?: boolean;
}

/** Reads and validates configuration. Pass an env object in tests; defaults to `process.env`. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadConfigOptions = {},
): Config {
  const e = parseEnv(env);
  const production = e.NODE_ENV === "production";
  const localMode = Boolean(options.local || e.LOCAL_MODE);
  const tool = Boolean(options.tool);
  // The checks run in this order so that, of several mistakes, the same one is reported first.
  if (localMode) checkLocalModeAllowed(e);
  checkAuthBasics(e, production);
  const tables = tablesConfig(e, production);
  const bot = botAuthConfig(e, localMode, tool);
  const { coordinators, coordinatorRole } = coordinatorsConfig(e);
  const { linkSigningSecret, linkSigningPreviousSecret, linkSecretFile } = linkSigningConfig(
    e,
    production,
    tool,
  );
  const devTokenSecret = devTokenSecretOf(e);
  const graph = graphConfig(e, production);
  const publicRegistration = publicRegistrationConfig(e, { localMode, graph: !!graph }, devTokenSecret);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    // `npm start` (--local) knows its own address: without it cards would have no links.
    publicUrl: e.PUBLIC_URL ?? (options.local ? localAddress(e.HOST, e.PORT) : undefined),
    logLevel: e.LOG_LEVEL,
    appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    bot,
    tables,
    seedDemoData: e.SEED_DEMO_DATA ?? true,
    sso: ssoConfig(e),
    localMode,
    devSignIn: devSignInEnabled(e, localMode),
    linkSigningSecret,
    linkSigningPreviousSecret,
    linkSecretFile,
    devTokenSecret,
    coordinators,
    coordinatorRole,
    membershipDomainRules: parseDomainRules(e.MEMBERSHIP_DOMAIN_RULES),
    tabDist: path.resolve(e.TAB_DIST ?? path.join(__dirname, "..", "..", "tab", "dist")),
    jobPollMs: e.JOB_POLL_MS,
    outbox: outboxConfig(e, tables),
    graph,
    trustProxy: e.TRUST_PROXY === "true" || e.TRUST_PROXY === "appservice",
    hsts: production || (e.PUBLIC_URL?.startsWith("https://") ?? false),
    publicRegistration,
    publicOpeners: publicOpenersConfig(e, localMode),
    support: supportConfig(e),
    rateLimits: rateLimitsConfig(e),
    dialogueRetentionDays: dialogueRetentionDays(e),
  };
}
