import { z } from "zod";
import { ConfigError } from "./errors";

/**
 * The zod schema of every environment variable the app reads. `bot/src/config.ts` hands
 * `process.env` to {@link parseEnv}; the other modules here only ever see the parsed {@link Env}.
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
  AZURITE_QUEUE_PORT: z.coerce.number().int().min(0).max(65535).default(10001),
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
  LINK_SIGNING_SECRET_PREVIOUS: optionalString,
  COORDINATORS: list,
  COORDINATOR_GROUP_ID: optionalString,
  COORDINATOR_ROLE_RESOURCE_ID: optionalString,
  COORDINATOR_APP_ROLE_ID: optionalString,
  MEMBERSHIP_DOMAIN_RULES: z.string().optional(),
  TAB_DIST: optionalString,
  JOB_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(1000),
  // The outbox (config/outbox.ts): the sender lease, the work queue and mail pacing.
  QUEUES_ENDPOINT: url,
  OUTBOX_LEASE_MS: z.coerce.number().int().min(500).max(300_000).default(9000),
  OUTBOX_VISIBILITY_S: z.coerce.number().int().min(1).max(3600).default(15),
  OUTBOX_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  MAIL_PER_MINUTE: z.coerce.number().int().min(1).max(30).default(25),
  MAIL_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(9000),
  // Days a finished outbox decision (its recipients and payloads) is kept (config/outbox.ts).
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(30),
  // Days after a dialogue's end until its personal data is erased (config/retention.ts); "off"
  // must be written out: an empty value is an error, not a way to keep data forever.
  DIALOGUE_RETENTION_DAYS: z
    .union(
      [z.literal("off"), z.coerce.number().int().min(30).max(3650)],
      "a whole number of days, 30–3650, or off",
    )
    .optional(),
  // Per-user limits of the message extension (config/rate-limits.ts); unset = the defaults there.
  EXTENSION_SEARCH_BURST: z.coerce.number().int().min(1).max(1000).optional(),
  EXTENSION_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).max(6000).optional(),

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
  /** The mailbox the Exchange application access policy confines Mail.Send to (docs/deploy.md). */
  MAIL_SEND_RESTRICTED_TO: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.email("the sender mailbox the access policy allows, e.g. dialogi@example.fi").optional())
    .optional(),
  MAIL_OUTBOX_DIR: z.string().default(".data/outbox"),
  // Tenants whose users may open a dialogue to the public (config/public-openers.ts).
  PUBLIC_REGISTRATION_TENANTS: list,
  PUBLIC_REGISTRATION_SECRET: z.string().min(32, "at least 32 characters").optional(),
  SUPPORT_EMAIL: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .pipe(z.email("the support mailbox, e.g. tuki@example.fi").optional())
    .optional(),
  SUPPORT_URL: url.refine((v) => !v || /^https?:\/\//.test(v), "an http(s) address"),
});

/** The parsed, typed environment. */
export type Env = z.infer<typeof envSchema>;

/** Validates the raw environment; the error lists every bad variable by name. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  return parsed.data;
}
