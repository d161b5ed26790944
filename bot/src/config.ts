import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import type { GraphCredentialConfig } from "./platform/graph/credential";

/**
 * The only reader of `process.env`. Everything else receives a validated {@link Config}.
 * Fails fast at start-up with a message naming the variable that is wrong.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const boolString = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : ["true", "1", "yes"].includes(v)));
const url = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url().optional())
  .optional();
const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  PUBLIC_URL: url,
  /** Azure Monitor: traces and metrics go to Application Insights when set (Bicep sets it). */
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),

  MicrosoftAppId: optionalString,
  BOT_ID: optionalString,
  MicrosoftAppPassword: optionalString,
  BOT_PASSWORD: optionalString,
  MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional(),
  MicrosoftAppTenantId: optionalString,
  ToBotFromChannelOpenIdMetadataUrl: url,
  ToBotFromChannelTokenIssuer: optionalString,
  ToBotFromEmulatorOpenIdMetadataUrl: url,
  ToChannelFromBotLoginUrl: url,
  ToChannelFromBotOAuthScope: optionalString,
  OAuthUrl: url,
  CallerId: optionalString,
  ValidateAuthority: boolString,

  TABLES_CONNECTION_STRING: optionalString,
  TABLES_ENDPOINT: url,
  TABLES_PREFIX: z
    .string()
    .regex(/^[A-Z]*$/i, "letters only (table names are alphanumeric)")
    .default(""),
  AZURITE_DATA_DIR: z.string().default(".data/azurite"),
  AZURITE_PORT: z.coerce.number().int().min(0).max(65535).default(10002),
  SEED_DEMO_DATA: boolString,

  AAD_APP_CLIENT_ID: optionalString,
  AAD_APP_TENANT_ID: optionalString,
  AAD_APP_OAUTH_AUTHORITY: url,
  SSO_OPENID_METADATA_URL: url,
  AAD_APP_ID_URI: optionalString,
  SSO_EXTRA_CLIENT_APP_IDS: list,
  DEV_SIGNIN: boolString,
  DEV_TOKEN_SECRET: optionalString,
  LOCAL_MODE: boolString,
  BOT_AUTH: z.enum(["on", "off"]).optional(),
  // Only read to detect a tunnel or App Service (local mode is refused there).
  BOT_ENDPOINT: optionalString,
  BOT_DOMAIN: optionalString,
  TAB_ENDPOINT: optionalString,
  TAB_DOMAIN: optionalString,
  WEBSITE_SITE_NAME: optionalString,
  WEBSITE_INSTANCE_ID: optionalString,
  LINK_SIGNING_SECRET: optionalString,
  COORDINATORS: list,
  COORDINATOR_GROUP_ID: optionalString,
  COORDINATOR_ROLE_RESOURCE_ID: optionalString,
  COORDINATOR_APP_ROLE_ID: optionalString,
  MEMBERSHIP_DOMAIN_RULES: z.string().optional(),
  TAB_DIST: optionalString,
  JOB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),

  // Microsoft Graph (optional: Teams meetings, calendar invites, breakout-room meetings).
  GRAPH_ENDPOINT: url,
  GRAPH_CREDENTIAL: z.enum(["off", "managedIdentity", "clientSecret", "certificate"]).optional(),
  GRAPH_TENANT_ID: optionalString,
  GRAPH_CLIENT_ID: optionalString,
  GRAPH_CLIENT_SECRET: optionalString,
  GRAPH_CERTIFICATE_PATH: optionalString,
  GRAPH_AUTHORITY_HOST: url,
  /** Set by App Service when a managed identity is assigned (plain http to a local endpoint). */
  IDENTITY_ENDPOINT: url,
  IDENTITY_HEADER: optionalString,
  TRUST_PROXY: z.enum(["true", "false", "appservice", ""], "true, appservice or false").optional(),
  PUBLIC_REGISTRATION: boolString,
  MAIL_SENDER: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.email("the sender mailbox's UPN, e.g. dialogi@example.fi").optional())
    .optional(),
  MAIL_OUTBOX_DIR: z.string().default(".data/outbox"),
  PUBLIC_REGISTRATION_SECRET: z.string().min(32, "at least 32 characters").optional(),
  SUPPORT_EMAIL: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.email("the support mailbox, e.g. tuki@example.fi").optional())
    .optional(),
  SUPPORT_URL: url.refine((v) => !v || /^https?:\/\//.test(v), "an http(s) address"),
});

/**
 * Where people get help when no developer is at hand (help card, invitation footer, tab footer,
 * the accessibility statement's feedback address). Defaults: the national dialogues' mailbox
 * and site, so a local install shows a real contact; a deployment sets its own.
 */
export const DEFAULT_SUPPORT = {
  email: "kansallisetdialogit@gov.fi",
  url: "https://kansallisetdialogit.fi",
} as const;

/** Bot Framework channel-auth settings, passed as-is to ConfigurationBotFrameworkAuthentication. */
export interface BotAuthConfig {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
  MicrosoftAppTenantId?: string;
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
  ToBotFromEmulatorOpenIdMetadataUrl?: string;
  ToChannelFromBotLoginUrl?: string;
  ToChannelFromBotOAuthScope?: string;
  OAuthUrl?: string;
  CallerId?: string;
  ValidateAuthority?: boolean;
}

/** Where the table store is: given by configuration, or an embedded Azurite to start. */
export type TablesConfig =
  | { kind: "connectionString"; connectionString: string; prefix: string }
  | { kind: "endpoint"; endpoint: string; prefix: string }
  | { kind: "embeddedAzurite"; dataDir: string; port: number; prefix: string };

/** Microsoft Graph access (application permissions); absent = Graph features are off. */
export interface GraphConfig {
  /** Base URL without the version, e.g. `https://graph.microsoft.com`. */
  endpoint: string;
  credential: GraphCredentialConfig;
}

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
  sso: {
    clientId?: string;
    tenantId?: string;
    authority?: string;
    openIdMetadataUrl?: string;
    /** The Application ID URI tokens may name as audience (besides the bare client id). */
    appIdUri?: string;
    /** Client apps (`azp`/`appid`) besides Teams that may call the API for a user. */
    extraClientAppIds: string[];
  };
  /** Developer-machine mode (`LOCAL_MODE=true` / `--local`): loopback only, never behind a tunnel. */
  localMode: boolean;
  devSignIn: boolean;
  devTokenSecret: string;
  /**
   * Signs download and calendar links; the same on every instance and across restarts. Unset
   * only on a developer machine, before `main.ts` fills it from {@link Config.linkSecretFile}.
   */
  linkSigningSecret?: string;
  /** Where a developer machine keeps its stable link secret (under `.data/`). */
  linkSecretFile: string;
  /** Entra object ids (`oid`) of network coordinators (the app role `Dialogi.Coordinator` also counts). */
  coordinators: string[];
  /**
   * The bot reads the app role `Dialogi.Coordinator` from Entra through Graph (a bot activity
   * carries no token claims): the role's app (its service principal's object id, Graph's
   * `resourceId`) and the role's id. Undefined = in the bot only `coordinators` count.
   */
  coordinatorRole?: { resourceId: string; appRoleId: string };
  /** Verified UPN domain or tenant id → organisation id, e.g. `vm.fi` → `vm`; members only, never guests. */
  membershipDomainRules: Record<string, string>;
  /** Folder of the built tab (served at `/`). */
  tabDist: string;
  /** How often each instance polls the Jobs table for due work. */
  jobPollMs: number;
  /** Microsoft Graph; undefined when not configured (meetings then fall back to pasted links). */
  graph?: GraphConfig;
  /** Believe X-Forwarded-Proto/-For from one proxy hop in front (App Service's front end). */
  trustProxy: boolean;
  /** Send Strict-Transport-Security (production, or a https PUBLIC_URL). */
  hsts: boolean;
  /**
   * Public registration (people outside the tenant, by e-mail). `sender` is the mailbox Graph
   * `sendMail` sends as; without one, development writes mails to `outboxDir` instead.
   * `secret` keys the e-mail HMACs and signs confirm/manage links: stable across instances.
   */
  publicRegistration: { enabled: boolean; sender?: string; outboxDir: string; secret: string };
  /** Support contact shown to users (`SUPPORT_EMAIL`, `SUPPORT_URL`; see {@link DEFAULT_SUPPORT}). */
  support: { email: string; url: string };
}

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

function parseDomainRules(raw: string | undefined): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const pair of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [domain, org] = pair.split("=").map((s) => s.trim().toLowerCase());
    if (!domain || !org) throw new ConfigError(`MEMBERSHIP_DOMAIN_RULES: "${pair}" is not domain=orgId`);
    rules[domain] = org;
  }
  return rules;
}

const DEFAULT_GRAPH_ENDPOINT = "https://graph.microsoft.com";
const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";

/**
 * Graph settings. `GRAPH_CREDENTIAL` says which credential; when it is unset the credential is
 * inferred: a client secret, else a certificate, else App Service's managed identity when its
 * variables are present, else Graph is off.
 */
function graphConfig(e: z.infer<typeof envSchema>, production: boolean): GraphConfig | undefined {
  const kind =
    e.GRAPH_CREDENTIAL ??
    (e.GRAPH_CLIENT_SECRET
      ? "clientSecret"
      : e.GRAPH_CERTIFICATE_PATH
        ? "certificate"
        : e.IDENTITY_ENDPOINT && e.IDENTITY_HEADER
          ? "managedIdentity"
          : "off");
  if (kind === "off") return undefined;
  const endpoint = (e.GRAPH_ENDPOINT ?? DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, "");
  // The bearer token must never travel in clear text outside a test machine.
  if (production && !endpoint.startsWith("https://"))
    throw new ConfigError("GRAPH_ENDPOINT: must be https when NODE_ENV=production");
  const authorityHost = e.GRAPH_AUTHORITY_HOST ?? DEFAULT_AUTHORITY_HOST;
  const need = (name: string, value: string | undefined): string => {
    if (!value) throw new ConfigError(`${name}: required when GRAPH_CREDENTIAL=${kind}`);
    return value;
  };
  if (kind === "managedIdentity") {
    return {
      endpoint,
      credential: {
        kind,
        endpoint: need("IDENTITY_ENDPOINT", e.IDENTITY_ENDPOINT),
        header: need("IDENTITY_HEADER", e.IDENTITY_HEADER),
        clientId: e.GRAPH_CLIENT_ID,
        ...(e.GRAPH_TENANT_ID ? { tenantId: e.GRAPH_TENANT_ID } : {}),
      },
    };
  }
  const tenantId = need("GRAPH_TENANT_ID", e.GRAPH_TENANT_ID);
  const clientId = need("GRAPH_CLIENT_ID", e.GRAPH_CLIENT_ID);
  if (kind === "clientSecret") {
    const secret = need("GRAPH_CLIENT_SECRET", e.GRAPH_CLIENT_SECRET);
    return { endpoint, credential: { kind, tenantId, clientId, secret, authorityHost } };
  }
  const certificatePath = path.resolve(need("GRAPH_CERTIFICATE_PATH", e.GRAPH_CERTIFICATE_PATH));
  return { endpoint, credential: { kind, tenantId, clientId, certificatePath, authorityHost } };
}

/** The id of the app role `Dialogi.Coordinator` in `infra/aad.manifest.json`. */
const COORDINATOR_APP_ROLE_ID = "3f6b2c1e-8d4a-4e5b-9c7f-1a2b3c4d5e6f";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bot's coordinator look-up through Graph: object ids only (a GUID, checked), and only with
 * Graph configured — a set id without Graph would silently grant nothing, so it fails start-up.
 */
function coordinatorRoleConfig(e: z.infer<typeof envSchema>): Config["coordinatorRole"] {
  const resourceId = e.COORDINATOR_ROLE_RESOURCE_ID;
  if (!resourceId) {
    if (e.COORDINATOR_APP_ROLE_ID)
      throw new ConfigError(
        "COORDINATOR_APP_ROLE_ID: only used with COORDINATOR_ROLE_RESOURCE_ID; set both or neither",
      );
    return undefined;
  }
  const appRoleId = e.COORDINATOR_APP_ROLE_ID ?? COORDINATOR_APP_ROLE_ID;
  for (const [name, value] of [
    ["COORDINATOR_ROLE_RESOURCE_ID", resourceId],
    ["COORDINATOR_APP_ROLE_ID", appRoleId],
  ] as const) {
    if (!GUID.test(value))
      throw new ConfigError(
        `${name}: must be an object id (a GUID), e.g. the service principal's Object ID in Entra ID → Enterprise applications`,
      );
  }
  if (!graphConfig(e, false))
    throw new ConfigError(
      "COORDINATOR_ROLE_RESOURCE_ID: needs Microsoft Graph (GRAPH_CREDENTIAL or its variables) to read app role assignments",
    );
  return { resourceId: resourceId.toLowerCase(), appRoleId: appRoleId.toLowerCase() };
}

const LOCAL_HINT =
  "on a developer machine start with `npm start` (it passes --local) or set LOCAL_MODE=true with HOST=127.0.0.1";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);
/** Hosts of tunnel services that make a local port public. */
const TUNNEL_HOST =
  /(?:^|\.)(?:devtunnels\.ms|ngrok\.io|ngrok-free\.app|ngrok\.app|ngrok\.dev|trycloudflare\.com|loca\.lt|localhost\.run)$/i;

function hostOf(value: string): string {
  try {
    return new URL(value.includes("://") ? value : `https://${value}`).hostname.toLowerCase();
  } catch {
    return value.toLowerCase();
  }
}

/**
 * Local mode runs without Bot Framework auth and with dev sign-in, so it must be unreachable from
 * outside this machine: loopback HOST, no public URL, no tunnel, not on App Service, not production.
 */
function checkLocalModeAllowed(e: z.infer<typeof envSchema>): void {
  const refuse = (why: string) => {
    throw new ConfigError(
      `LOCAL_MODE: refused because ${why}. Local mode turns off bot authentication and enables dev sign-in, so it only runs on a loopback HOST without a public URL or tunnel; configure MicrosoftAppId and Teams SSO instead`,
    );
  };
  if (e.NODE_ENV === "production") refuse("NODE_ENV=production");
  if (e.WEBSITE_SITE_NAME || e.WEBSITE_INSTANCE_ID) refuse("this is Azure App Service (WEBSITE_SITE_NAME)");
  if (!LOOPBACK_HOSTS.has(e.HOST.toLowerCase())) refuse(`HOST=${e.HOST} is not a loopback address`);
  const urls = {
    PUBLIC_URL: e.PUBLIC_URL,
    BOT_ENDPOINT: e.BOT_ENDPOINT,
    BOT_DOMAIN: e.BOT_DOMAIN,
    TAB_ENDPOINT: e.TAB_ENDPOINT,
    TAB_DOMAIN: e.TAB_DOMAIN,
  };
  for (const [name, value] of Object.entries(urls)) {
    if (!value) continue;
    const host = hostOf(value);
    if (TUNNEL_HOST.test(host)) refuse(`${name} points at a tunnel (${host})`);
    if (!LOOPBACK_HOSTS.has(host)) refuse(`${name} is public (${host})`);
  }
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
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const appId = e.MicrosoftAppId ?? e.BOT_ID;
  const production = e.NODE_ENV === "production";
  const localMode = Boolean(options.local || e.LOCAL_MODE);
  if (localMode) checkLocalModeAllowed(e);
  if (production && !appId) {
    throw new ConfigError("MicrosoftAppId (or BOT_ID): required when NODE_ENV=production");
  }
  if (production && e.DEV_SIGNIN) {
    throw new ConfigError("DEV_SIGNIN: dev sign-in must never be enabled when NODE_ENV=production");
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) {
    throw new ConfigError("MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant");
  }
  if (e.TABLES_CONNECTION_STRING && e.TABLES_ENDPOINT) {
    throw new ConfigError("TABLES_CONNECTION_STRING and TABLES_ENDPOINT: set only one");
  }
  const tables: TablesConfig = e.TABLES_CONNECTION_STRING
    ? { kind: "connectionString", connectionString: e.TABLES_CONNECTION_STRING, prefix: e.TABLES_PREFIX }
    : e.TABLES_ENDPOINT
      ? { kind: "endpoint", endpoint: e.TABLES_ENDPOINT, prefix: e.TABLES_PREFIX }
      : {
          kind: "embeddedAzurite",
          dataDir: path.resolve(e.AZURITE_DATA_DIR),
          port: e.AZURITE_PORT,
          prefix: e.TABLES_PREFIX,
        };
  if (production && tables.kind === "embeddedAzurite") {
    throw new ConfigError("TABLES_CONNECTION_STRING or TABLES_ENDPOINT: required when NODE_ENV=production");
  }
  if (e.DEV_SIGNIN && !localMode) {
    throw new ConfigError(`DEV_SIGNIN: dev sign-in only runs in local mode; ${LOCAL_HINT}`);
  }
  if (e.BOT_AUTH === "off" && !localMode) {
    throw new ConfigError(`BOT_AUTH=off: unauthenticated bot traffic only runs in local mode; ${LOCAL_HINT}`);
  }
  const botAuth = Boolean(appId) && e.BOT_AUTH !== "off";
  if (!appId && !localMode && !options.tool) {
    throw new ConfigError(
      `MicrosoftAppId (or BOT_ID): required, or the bot would accept unauthenticated traffic; ${LOCAL_HINT}`,
    );
  }
  if (e.COORDINATOR_GROUP_ID) {
    throw new ConfigError(
      "COORDINATOR_GROUP_ID: no longer supported (tokens carry no groups claim); assign the group to the app role Dialogi.Coordinator in Entra ID instead",
    );
  }
  const emails = e.COORDINATORS.filter((c) => c.includes("@"));
  if (emails.length) {
    throw new ConfigError(
      "COORDINATORS: e-mail addresses are not accepted (they can be changed and must not grant rights); list Entra object ids or assign the app role Dialogi.Coordinator",
    );
  }
  const coordinatorRole = coordinatorRoleConfig(e);
  const devSignIn = localMode && (e.DEV_SIGNIN ?? true);
  const linkSigningSecret = e.LINK_SIGNING_SECRET;
  if (linkSigningSecret !== undefined && Buffer.byteLength(linkSigningSecret) < 32) {
    throw new ConfigError("LINK_SIGNING_SECRET: at least 32 bytes (e.g. `openssl rand -base64 48`)");
  }
  // On a developer machine (local mode, or Teams Toolkit's local debug) main.ts falls back to a
  // secret persisted under .data/; a deployment must configure one shared by all its instances.
  const deployed = production || Boolean(e.WEBSITE_SITE_NAME || e.WEBSITE_INSTANCE_ID);
  if (!linkSigningSecret && deployed && !options.tool) {
    throw new ConfigError(
      "LINK_SIGNING_SECRET: required in production (≥ 32 bytes, the same on every instance) so download and calendar links survive restarts",
    );
  }
  // Only a developer machine (local mode) writes mail to the outbox, which /dev/outbox shows to
  // anyone who can reach the server: anywhere else public registration is off unless a sender is
  // configured, and asking for it without one stops the start.
  const publicRegistration = e.PUBLIC_REGISTRATION ?? (localMode || Boolean(e.MAIL_SENDER));
  if (!localMode && publicRegistration && !e.MAIL_SENDER)
    throw new ConfigError("MAIL_SENDER: required when PUBLIC_REGISTRATION is on outside local mode");
  if (production && publicRegistration) {
    if (!e.PUBLIC_URL)
      throw new ConfigError("PUBLIC_URL: required for public registration (links in e-mails)");
    if (!e.PUBLIC_REGISTRATION_SECRET)
      throw new ConfigError(
        "PUBLIC_REGISTRATION_SECRET: required for public registration in production (32+ random characters)",
      );
  }
  const devTokenSecret = e.DEV_TOKEN_SECRET ?? randomBytes(32).toString("hex");
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
    bot: {
      authEnabled: botAuth,
      MicrosoftAppId: appId,
      MicrosoftAppPassword: e.MicrosoftAppPassword ?? e.BOT_PASSWORD,
      MicrosoftAppType: e.MicrosoftAppType ?? (appId ? "MultiTenant" : undefined),
      MicrosoftAppTenantId: e.MicrosoftAppTenantId,
      ToBotFromChannelOpenIdMetadataUrl: e.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: e.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: e.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: e.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: e.ToChannelFromBotOAuthScope,
      OAuthUrl: e.OAuthUrl,
      CallerId: e.CallerId,
      ValidateAuthority: e.ValidateAuthority,
    },
    tables,
    seedDemoData: e.SEED_DEMO_DATA ?? true,
    sso: {
      clientId: e.AAD_APP_CLIENT_ID,
      tenantId: e.AAD_APP_TENANT_ID,
      authority: e.AAD_APP_OAUTH_AUTHORITY,
      openIdMetadataUrl: e.SSO_OPENID_METADATA_URL,
      appIdUri:
        e.AAD_APP_ID_URI ??
        (e.AAD_APP_CLIENT_ID && e.PUBLIC_URL
          ? `api://${new URL(e.PUBLIC_URL).host}/${e.AAD_APP_CLIENT_ID}`
          : undefined),
      extraClientAppIds: e.SSO_EXTRA_CLIENT_APP_IDS.map((c) => c.toLowerCase()),
    },
    localMode,
    devSignIn,
    linkSigningSecret,
    linkSecretFile: path.resolve(".data", "link-signing-secret"),
    // A per-process random secret unless one is given: dev tokens then die with the process.
    devTokenSecret,
    coordinators: e.COORDINATORS.map((c) => c.toLowerCase()),
    coordinatorRole,
    membershipDomainRules: parseDomainRules(e.MEMBERSHIP_DOMAIN_RULES),
    tabDist: path.resolve(e.TAB_DIST ?? path.join(__dirname, "..", "..", "tab", "dist")),
    jobPollMs: e.JOB_POLL_MS,
    graph: graphConfig(e, production),
    trustProxy: e.TRUST_PROXY === "true" || e.TRUST_PROXY === "appservice",
    hsts: production || (e.PUBLIC_URL?.startsWith("https://") ?? false),
    publicRegistration: {
      enabled: publicRegistration,
      sender: e.MAIL_SENDER,
      outboxDir: path.resolve(e.MAIL_OUTBOX_DIR),
      secret: e.PUBLIC_REGISTRATION_SECRET ?? devTokenSecret,
    },
    support: {
      email: e.SUPPORT_EMAIL ?? DEFAULT_SUPPORT.email,
      url: e.SUPPORT_URL ?? DEFAULT_SUPPORT.url,
    },
  };
}
