import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";

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
    .regex(/^[A-Za-z]*$/, "letters only (table names are alphanumeric)")
    .default(""),
  AZURITE_DATA_DIR: z.string().default(".data/azurite"),
  AZURITE_PORT: z.coerce.number().int().min(0).max(65535).default(10002),
  SEED_DEMO_DATA: boolString,

  AAD_APP_CLIENT_ID: optionalString,
  AAD_APP_TENANT_ID: optionalString,
  AAD_APP_OAUTH_AUTHORITY: url,
  SSO_OPENID_METADATA_URL: url,
  DEV_SIGNIN: boolString,
  DEV_TOKEN_SECRET: optionalString,
  COORDINATORS: list,
  COORDINATOR_GROUP_ID: optionalString,
  MEMBERSHIP_DOMAIN_RULES: z.string().optional(),
  TAB_DIST: optionalString,
  JOB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  PUBLIC_REGISTRATION: boolString,
  MAIL_SENDER: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.email("the sender mailbox's UPN, e.g. dialogi@example.fi").optional())
    .optional(),
  MAIL_OUTBOX_DIR: z.string().default(".data/outbox"),
  PUBLIC_REGISTRATION_SECRET: z.string().min(32, "at least 32 characters").optional(),
});

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

/** Validated application configuration. */
export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  publicUrl?: string;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  bot: BotAuthConfig & { authEnabled: boolean };
  tables: TablesConfig;
  seedDemoData: boolean;
  sso: { clientId?: string; tenantId?: string; authority?: string; openIdMetadataUrl?: string };
  devSignIn: boolean;
  devTokenSecret: string;
  coordinators: string[];
  coordinatorGroupId?: string;
  /** Email domain → organisation id, e.g. `vm.fi` → `vm`. */
  membershipDomainRules: Record<string, string>;
  /** Folder of the built tab (served at `/`). */
  tabDist: string;
  /** How often each instance polls the Jobs table for due work. */
  jobPollMs: number;
  /**
   * Public registration (people outside the tenant, by e-mail). `sender` is the mailbox Graph
   * `sendMail` sends as; without one, development writes mails to `outboxDir` instead.
   * `secret` keys the e-mail HMACs and signs confirm/manage links: stable across instances.
   */
  publicRegistration: { enabled: boolean; sender?: string; outboxDir: string; secret: string };
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

/** Reads and validates configuration. Pass an env object in tests; defaults to `process.env`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  const appId = e.MicrosoftAppId ?? e.BOT_ID;
  const production = e.NODE_ENV === "production";
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
  const devSignIn = e.DEV_SIGNIN ?? !production;
  // Production sends real mail only: public registration is off unless a sender is configured,
  // and asking for it without one (or without the link base or a stable secret) stops the start.
  const publicRegistration = e.PUBLIC_REGISTRATION ?? (production ? Boolean(e.MAIL_SENDER) : true);
  if (production && publicRegistration) {
    if (!e.MAIL_SENDER)
      throw new ConfigError("MAIL_SENDER: required when PUBLIC_REGISTRATION is on in production");
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
    bot: {
      authEnabled: Boolean(appId),
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
    },
    devSignIn,
    // A per-process random secret unless one is given: dev tokens then die with the process.
    devTokenSecret,
    coordinators: e.COORDINATORS.map((c) => c.toLowerCase()),
    coordinatorGroupId: e.COORDINATOR_GROUP_ID,
    membershipDomainRules: parseDomainRules(e.MEMBERSHIP_DOMAIN_RULES),
    tabDist: path.resolve(e.TAB_DIST ?? path.join(__dirname, "..", "..", "tab", "dist")),
    jobPollMs: e.JOB_POLL_MS,
    publicRegistration: {
      enabled: publicRegistration,
      sender: e.MAIL_SENDER,
      outboxDir: path.resolve(e.MAIL_OUTBOX_DIR),
      secret: e.PUBLIC_REGISTRATION_SECRET ?? devTokenSecret,
    },
  };
}
