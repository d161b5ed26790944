import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { listenLocal, type LocalServer } from "./http-server";

/** The issuer the local "Bot Framework" signs with (configured as ToBotFromChannelTokenIssuer). */
export const TEST_BOT_ISSUER = "https://api.botframework.test";
export const TEST_APP_ID = "11111111-2222-3333-4444-555555555555";
export const TEST_APP_PASSWORD = "test-password-not-a-secret";

/** Claims and header overrides for {@link BotTokenAuthority.mint}. */
export interface MintOptions {
  aud?: string;
  iss?: string;
  serviceUrl?: string;
  /** Seconds from now; negative for expired. */
  expiresIn?: number;
  /** Seconds from now for nbf; positive for not-yet-valid. */
  notBefore?: number;
  kid?: string;
  /** Sign with a key the metadata does not publish. */
  foreignKey?: boolean;
  extraClaims?: Record<string, unknown>;
}

/** A local OpenID metadata + JWKS server and a token minter for Bot Framework channel tokens. */
export interface BotTokenAuthority {
  metadataUrl: string;
  /** Settings that make botbuilder validate against this authority (merge into the env). */
  env: Record<string, string>;
  mint(options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

/** Starts the authority. Keys carry `endorsements: ["msteams"]` as the real Bot Framework keys do. */
export async function startBotTokenAuthority(): Promise<BotTokenAuthority> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const kid = "test-key-1";
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
  let server: LocalServer | undefined = undefined;
  server = await listenLocal((req, res) => {
    res.setHeader("Content-Type", "application/json");
    if (req.url === "/v1/.well-known/openidconfiguration") {
      res.end(
        JSON.stringify({
          issuer: TEST_BOT_ISSUER,
          jwks_uri: `${server!.url}/v1/.well-known/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
          token_endpoint_auth_methods_supported: ["private_key_jwt"],
        }),
      );
    } else if (req.url === "/v1/.well-known/keys") {
      res.end(JSON.stringify({ keys: [{ ...jwk, endorsements: ["msteams", "emulator"] }] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  const metadataUrl = `${server.url}/v1/.well-known/openidconfiguration`;
  return {
    metadataUrl,
    env: {
      MicrosoftAppId: TEST_APP_ID,
      MicrosoftAppPassword: TEST_APP_PASSWORD,
      MicrosoftAppType: "MultiTenant",
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromChannelTokenIssuer: TEST_BOT_ISSUER,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      ToChannelFromBotLoginUrl: `${server.url}/login`,
      ToChannelFromBotOAuthScope: "https://api.botframework.test",
      OAuthUrl: `${server.url}/oauth`,
      CallerId: "urn:botframework:test",
      ValidateAuthority: "false",
    },
    async mint(o: MintOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({ serviceurl: o.serviceUrl, ...o.extraClaims })
        .setProtectedHeader({ alg: "RS256", kid: o.kid ?? kid, typ: "JWT" })
        .setIssuer(o.iss ?? TEST_BOT_ISSUER)
        .setAudience(o.aud ?? TEST_APP_ID)
        .setIssuedAt(now - 10)
        .setNotBefore(now + (o.notBefore ?? -10))
        .setExpirationTime(now + (o.expiresIn ?? 3600));
      return jwt.sign(o.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => server!.close(),
  };
}
