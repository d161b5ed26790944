import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import type { Activity } from "botframework-schema";
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from "botframework-connector";
import type { BotAuthConfig } from "../../config";
import { errorFields, type Logger } from "../../logger";
import { CachingBotFrameworkAuthentication, installKeyCache } from "./caching-auth";

/** Options for {@link createAdapter}. */
export interface AdapterOptions {
  auth: BotAuthConfig & { authEnabled: boolean };
  logger: Logger;
  /** Outbound credentials; tests inject a stub so no token is fetched from the internet. */
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/**
 * CloudAdapter with the (protected) authenticate-and-run step made public, so the HTTP route
 * can write the response itself and map every authentication failure to 401.
 */
export class DialogiAdapter extends CloudAdapter {
  /** Validates the request's JWT, runs the turn, returns the invoke response (if any). Throws on auth failure. */
  handleActivity(
    authHeader: string,
    activity: Activity,
    logic: (ctx: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * Creates the adapter. Channel-auth overrides (OpenID metadata URLs, issuer…) from
 * configuration are passed straight to ConfigurationBotFrameworkAuthentication, so tests and
 * staging can validate against their own OpenID metadata.
 */
export function createAdapter(options: AdapterOptions): DialogiAdapter {
  const { authEnabled: _authEnabled, ...auth } = options.auth;
  const defined = Object.fromEntries(Object.entries(auth).filter(([, v]) => v !== undefined));
  const bfAuth = new ConfigurationBotFrameworkAuthentication(defined, options.credentialsFactory);
  // Same validation, less work per request: verification keys kept as key objects, connector and
  // user-token clients reused across turns (see caching-auth.ts; docs/performance.md).
  installKeyCache([
    auth.ToBotFromChannelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    auth.ToBotFromEmulatorOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  ]);
  const adapter = new DialogiAdapter(new CachingBotFrameworkAuthentication(bfAuth));
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    // The bot's own handlers already answered the user; this catches failures outside them.
    options.logger.error("unhandled turn error", { activityId: ctx.activity?.id, ...errorFields(err) });
  };
  return adapter;
}
