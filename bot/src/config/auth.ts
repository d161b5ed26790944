import type { SsoConfig as VerifierSsoConfig } from "../platform/auth/sso-verifier";
import type { Env } from "./env-schema";
import { ConfigError } from "./errors";
import { LOCAL_HINT } from "./local-mode";

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

/**
 * Teams SSO token validation settings (the tab's API): the verifier's own settings, with the
 * list of extra client apps always present once configuration has read it.
 */
export interface SsoConfig extends VerifierSsoConfig {
  extraClientAppIds: string[];
}

/** The bot's app id: `MicrosoftAppId`, or Teams Toolkit's `BOT_ID`. */
function appIdOf(e: Env): string | undefined {
  return e.MicrosoftAppId ?? e.BOT_ID;
}

/**
 * Checks that need no mode beyond production: a production bot has an app id and never dev
 * sign-in, and a single-tenant bot names its tenant. Run before the table settings are checked,
 * so the first error reported stays the same.
 */
export function checkAuthBasics(e: Env, production: boolean): void {
  if (production && !appIdOf(e)) {
    throw new ConfigError("MicrosoftAppId (or BOT_ID): required when NODE_ENV=production");
  }
  if (production && e.DEV_SIGNIN) {
    throw new ConfigError("DEV_SIGNIN: dev sign-in must never be enabled when NODE_ENV=production");
  }
  if (e.MicrosoftAppType === "SingleTenant" && !e.MicrosoftAppTenantId) {
    throw new ConfigError("MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant");
  }
}

/**
 * Bot Framework auth. Turning it off (or dev sign-in on) is for local mode only; without an app
 * id only local mode or a command-line tool may start.
 */
export function botAuthConfig(
  e: Env,
  localMode: boolean,
  tool: boolean,
): BotAuthConfig & { authEnabled: boolean } {
  if (e.DEV_SIGNIN && !localMode) {
    throw new ConfigError(`DEV_SIGNIN: dev sign-in only runs in local mode; ${LOCAL_HINT}`);
  }
  if (e.BOT_AUTH === "off" && !localMode) {
    throw new ConfigError(`BOT_AUTH=off: unauthenticated bot traffic only runs in local mode; ${LOCAL_HINT}`);
  }
  const appId = appIdOf(e);
  const botAuth = Boolean(appId) && e.BOT_AUTH !== "off";
  if (!appId && !localMode && !tool) {
    throw new ConfigError(
      `MicrosoftAppId (or BOT_ID): required, or the bot would accept unauthenticated traffic; ${LOCAL_HINT}`,
    );
  }
  return {
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
  };
}

/** Dev sign-in: on by default in local mode (`DEV_SIGNIN=false` turns it off), never elsewhere. */
export function devSignInEnabled(e: Env, localMode: boolean): boolean {
  return localMode && (e.DEV_SIGNIN ?? true);
}

/** Teams SSO; the Application ID URI defaults to Teams Toolkit's `api://<host>/<client id>`. */
export function ssoConfig(e: Env): SsoConfig {
  return {
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
  };
}
