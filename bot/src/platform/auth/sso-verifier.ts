import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { Identity } from "./identity";
import { AuthError, AuthUnavailableError } from "../http/http-errors";
import { isMultiTenant } from "./tenancy";

/** SSO settings (`config.sso`). */
export interface SsoConfig {
  clientId?: string;
  tenantId?: string;
  /** e.g. `https://login.microsoftonline.com/<tenant>`. */
  authority?: string;
  /** Overrides the metadata address derived from the authority (tests, other clouds). */
  openIdMetadataUrl?: string;
  /** The Application ID URI (`api://<domain>/<clientId>`) accepted as audience besides the client id. */
  appIdUri?: string;
  /** Client apps besides Teams allowed to call the API for a user (`azp`/`appid`). */
  extraClientAppIds?: string[];
}

/** Teams desktop/mobile and Teams web: the clients that get SSO tokens for a tab. */
export const TEAMS_CLIENT_APP_IDS = [
  "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
  "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
] as const;

/** The delegated scope the tab's token must carry (infra/aad.manifest.json). */
export const SSO_SCOPE = "access_as_user";

interface Metadata {
  issuer: string;
  jwks_uri: string;
}

/** Clock skew tolerated on exp/nbf, as Microsoft's own libraries do. */
const CLOCK_TOLERANCE_S = 300;

/** Where the OpenID configuration is: the override, or the v2.0 metadata of the authority. */
export function metadataUrl(sso: SsoConfig): string {
  if (sso.openIdMetadataUrl) return sso.openIdMetadataUrl;
  const authority = (
    sso.authority ?? `https://login.microsoftonline.com/${sso.tenantId ?? "common"}`
  ).replace(/\/+$/, "");
  return `${authority}/v2.0/.well-known/openid-configuration`;
}

/** True when `aud` is exactly the app: its client id or its configured Application ID URI. */
function audienceOk(aud: JWTPayload["aud"], accepted: readonly string[]): boolean {
  const values = Array.isArray(aud) ? aud : aud ? [aud] : [];
  return values.length === 1 && accepted.includes(values[0]!);
}

/**
 * Refuses what is not a user's delegated access token for this API from an allowed client:
 * app-only tokens (`idtyp=app`, or `roles` without `scp`), ID tokens and tokens for other scopes
 * (no `access_as_user` in `scp`), and tokens obtained by other client apps (`azp`/`appid`).
 */
function checkDelegated(payload: JWTPayload, allowedClients: ReadonlySet<string>): void {
  if (payload.idtyp === "app") throw new AuthError("app-only token");
  const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
  if (!scopes.includes(SSO_SCOPE)) throw new AuthError(payload.roles ? "app-only token" : "scope");
  const client = typeof payload.azp === "string" ? payload.azp : payload.appid;
  if (typeof client !== "string" || !allowedClients.has(client.toLowerCase()))
    throw new AuthError("client app");
}

/**
 * Member or guest: a guest's token has `acct=1`, a `#EXT#` UPN, or an `idp` (home tenant issuer)
 * other than the issuing tenant. Only members get the domain of their UPN (a verified domain).
 */
function membership(payload: JWTPayload, tid: string): Identity["member"] {
  const upn = typeof payload.upn === "string" ? payload.upn.toLowerCase() : undefined;
  const idp = typeof payload.idp === "string" ? payload.idp.toLowerCase() : undefined;
  const guest =
    payload.acct === 1 ||
    payload.acct === "1" ||
    (upn?.includes("#ext#") ?? false) ||
    (idp !== undefined && !idp.includes(tid));
  if (guest) return undefined;
  const domain = upn?.split("@")[1];
  return domain ? { upnDomain: domain, upn } : {};
}

/**
 * Validates Teams SSO tokens (Entra ID access tokens for the app): RS256 signature against the
 * keys of the authority's OpenID metadata, audience, tenant and issuer (v1 and v2 forms), expiry
 * and not-before. Unsigned (`alg: none`) and HMAC tokens are refused by the algorithm list.
 */
export function createSsoVerifier(sso: SsoConfig, fetchImpl: typeof fetch = fetch) {
  let metadata: Promise<{ meta: Metadata; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;
  const multiTenant = isMultiTenant(sso);
  const allowedClients = new Set(
    [...TEAMS_CLIENT_APP_IDS, ...(sso.extraClientAppIds ?? [])].map((c) => c.toLowerCase()),
  );

  const loadMetadata = () => {
    metadata ??= (async () => {
      const res = await fetchImpl(metadataUrl(sso), { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`OpenID metadata: HTTP ${res.status}`);
      const meta = (await res.json()) as Metadata;
      if (!meta.jwks_uri) throw new Error("OpenID metadata without jwks_uri");
      return { meta, jwks: createRemoteJWKSet(new URL(meta.jwks_uri), { timeoutDuration: 5000 }) };
    })().catch((err) => {
      metadata = undefined; // retry on the next request rather than stay broken
      throw new AuthUnavailableError(err);
    });
    return metadata;
  };

  return async function verifySso(token: string): Promise<Identity> {
    const clientId = sso.clientId;
    if (!clientId) throw new AuthError("SSO is not configured");
    const { meta, jwks } = await loadMetadata();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ["RS256"],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ["exp", "iss", "aud", "tid", "oid"],
      }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError && !(err instanceof joseErrors.JWKSTimeout)) {
        throw new AuthError(err.code);
      }
      throw new AuthUnavailableError(err);
    }
    const audiences = [clientId, ...(sso.appIdUri ? [sso.appIdUri] : [])];
    if (!audienceOk(payload.aud, audiences)) throw new AuthError("audience");
    checkDelegated(payload, allowedClients);
    const tid = String(payload.tid);
    if (!/^[0-9a-f-]{36}$/i.test(tid)) throw new AuthError("tenant id");
    if (!multiTenant && tid.toLowerCase() !== sso.tenantId!.toLowerCase()) throw new AuthError("tenant");
    const issuers = [
      `https://sts.windows.net/${tid}/`,
      `https://login.microsoftonline.com/${tid}/v2.0`,
      meta.issuer.replace("{tenantid}", tid),
    ];
    if (!issuers.includes(String(payload.iss))) throw new AuthError("issuer");

    const upn = [payload.preferred_username, payload.upn, payload.email].find(
      (v): v is string => typeof v === "string" && v.includes("@"),
    );
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r) => typeof r === "string") : [];
    const member = membership(payload, tid.toLowerCase());
    return {
      userId: String(payload.oid),
      tenantId: tid.toLowerCase(),
      name: typeof payload.name === "string" ? payload.name : (upn ?? String(payload.oid)),
      ...(upn ? { email: upn.toLowerCase() } : {}),
      roles,
      ...(member ? { member } : {}),
    };
  };
}
