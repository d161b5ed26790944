import { decodeProtectedHeader } from "jose";
import type { Identity } from "./identity";
import { AuthError } from "../http/http-errors";
import { verifyDevToken } from "./dev-tokens";
import { createSsoVerifier, type SsoConfig } from "./sso-verifier";

/** Options of {@link createAuthenticator} (fields of the app config). */
export interface AuthenticatorOptions {
  sso: SsoConfig;
  /** Accept development sign-in tokens (never in production). */
  devSignIn: boolean;
  devTokenSecret: string;
  /** For tests of metadata outages; defaults to global fetch. */
  fetch?: typeof fetch;
}

/** Checks the `Authorization` header of an API request. */
export interface Authenticator {
  /** The caller's identity; throws AuthError (401) or AuthUnavailableError (503). */
  authenticate(authorization: string | undefined): Promise<Identity>;
}

/**
 * Builds the authenticator: Teams SSO tokens (RS256, Entra ID) always; development sign-in
 * tokens (HS256, local secret) only when enabled. The header's `alg` routes the token, and each
 * verifier pins its own algorithm, so neither kind can pass as the other.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const verifySso = createSsoVerifier(options.sso, options.fetch);
  return {
    async authenticate(authorization) {
      const match = /^Bearer\s+([\w-]+\.[\w-]*\.[\w-]*)\s*$/i.exec(authorization ?? "");
      if (!match) throw new AuthError(authorization ? "malformed" : "missing");
      const token = match[1]!;
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        throw new AuthError("malformed");
      }
      if (alg === "HS256") {
        if (!options.devSignIn) throw new AuthError("dev sign-in disabled");
        try {
          return await verifyDevToken(token, options.devTokenSecret);
        } catch {
          throw new AuthError("dev token");
        }
      }
      return verifySso(token);
    },
  };
}
