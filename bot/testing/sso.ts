import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { listenLocal, type LocalServer } from "./http-server";

/** The tenant and app the local "Entra ID" issues Teams SSO tokens for. */
export const SSO_TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
export const SSO_CLIENT_ID = "0e5f0f4b-1a2b-4c3d-8e9f-a0b1c2d3e4f5";
export const OTHER_TENANT = "11111111-2222-4333-8444-555555555555";
/** The Application ID URI the app is configured with (`AAD_APP_ID_URI`). */
export const SSO_APP_ID_URI = `api://localhost:53000/${SSO_CLIENT_ID}`;
/** Teams desktop/mobile: the client app of a real Teams SSO token. */
export const TEAMS_DESKTOP_CLIENT = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

/** Claims and header overrides for {@link SsoAuthority.mint}. */
export interface SsoMintOptions {
  aud?: string;
  /** Default: the v2 issuer of `tid`. */
  iss?: string;
  tid?: string;
  oid?: string;
  name?: string;
  email?: string;
  /** App roles (`roles` claim). */
  roles?: string[];
  /** Default `access_as_user`. */
  scp?: string;
  /** Default Teams desktop/mobile. */
  azp?: string;
  /** Any further claims (e.g. `idtyp`, `acct`, `upn`, `idp`). */
  extra?: Record<string, unknown>;
  /** Seconds from now; negative for expired. */
  expiresIn?: number;
  /** Seconds from now for nbf; positive for not-yet-valid. */
  notBefore?: number;
  /** Sign with a key the metadata does not publish (same kid). */
  foreignKey?: boolean;
  /** Drop a claim entirely. */
  omit?: string[];
}

/** A local OpenID metadata + JWKS server standing in for Entra ID, and a token minter. */
export interface SsoAuthority {
  metadataUrl: string;
  /** Settings that point the app's SSO validation here (merge into the env of startTestApp). */
  env: Record<string, string>;
  /** Requests served, by path (to check caching). */
  hits: Map<string, number>;
  mint(options?: SsoMintOptions): Promise<string>;
  /** An unsigned token (`alg: none`) with otherwise valid claims. */
  unsigned(options?: SsoMintOptions): string;
  close(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

/** Starts the authority on a free loopback port. */
export async function startSsoAuthority(): Promise<SsoAuthority> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const kid = "sso-test-key";
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" };
  const hits = new Map<string, number>();
  let server: LocalServer | undefined = undefined;
  server = await listenLocal((req, res) => {
    const path = req.url ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.setHeader("Content-Type", "application/json");
    if (path === "/common/v2.0/.well-known/openid-configuration") {
      res.end(
        JSON.stringify({
          issuer: "https://login.microsoftonline.com/{tenantid}/v2.0",
          jwks_uri: `${server!.url}/common/discovery/v2.0/keys`,
          id_token_signing_alg_values_supported: ["RS256"],
        }),
      );
    } else if (path === "/common/discovery/v2.0/keys") {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  const metadataUrl = `${server.url}/common/v2.0/.well-known/openid-configuration`;

  const claims = (o: SsoMintOptions) => {
    const now = Math.floor(Date.now() / 1000);
    const tid = o.tid ?? SSO_TENANT;
    const all: Record<string, unknown> = {
      aud: o.aud ?? SSO_APP_ID_URI,
      iss: o.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`,
      iat: now - 10,
      nbf: now + (o.notBefore ?? -10),
      exp: now + (o.expiresIn ?? 3600),
      tid,
      oid: o.oid ?? randomUUID(),
      name: o.name ?? "Test User",
      preferred_username: o.email ?? "test.user@example.fi",
      scp: o.scp ?? "access_as_user",
      azp: o.azp ?? TEAMS_DESKTOP_CLIENT,
      ver: "2.0",
      ...(o.roles ? { roles: o.roles } : {}),
      ...o.extra,
    };
    for (const k of o.omit ?? []) delete all[k];
    return all;
  };

  return {
    metadataUrl,
    hits,
    env: {
      AAD_APP_CLIENT_ID: SSO_CLIENT_ID,
      AAD_APP_TENANT_ID: SSO_TENANT,
      SSO_OPENID_METADATA_URL: metadataUrl,
      AAD_APP_ID_URI: SSO_APP_ID_URI,
    },
    mint: (o = {}) =>
      new SignJWT(claims(o))
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .sign(o.foreignKey ? foreign.privateKey : privateKey),
    unsigned: (o = {}) => `${b64({ alg: "none", typ: "JWT" })}.${b64(claims(o))}.`,
    close: () => server!.close(),
  };
}
