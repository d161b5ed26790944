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
}

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

/** True when `aud` is the app: its client id or an Application ID URI ending in it (`api://host/<id>`). */
function audienceOk(aud: JWTPayload["aud"], clientId: string): boolean {
  const values = Array.isArray(aud) ? aud : aud ? [aud] : [];
  return values.some(
    (a) =>
      a === clientId || a === `api://${clientId}` || (a.startsWith("api://") && a.endsWith(`/${clientId}`)),
  );
}

/**
 * Validates Teams SSO tokens (Entra ID access tokens for the app): RS256 signature against the
 * keys of the authority's OpenID metadata, audience, tenant and issuer (v1 and v2 forms), expiry
 * and not-before. Unsigned (`alg: none`) and HMAC tokens are refused by the algorithm list.
 */
export function createSsoVerifier(sso: SsoConfig, fetchImpl: typeof fetch = fetch) {
  let metadata: Promise<{ meta: Metadata; jwks: ReturnType<typeof createRemoteJWKSet> }> | undefined;
  const multiTenant = isMultiTenant(sso);

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
    if (!audienceOk(payload.aud, clientId)) throw new AuthError("audience");
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
    const groups = Array.isArray(payload.groups) ? payload.groups.filter((g) => typeof g === "string") : [];
    return {
      userId: String(payload.oid),
      tenantId: tid.toLowerCase(),
      name: typeof payload.name === "string" ? payload.name : (upn ?? String(payload.oid)),
      ...(upn ? { email: upn.toLowerCase() } : {}),
      groups,
    };
  };
}
