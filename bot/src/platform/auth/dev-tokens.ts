import { jwtVerify, SignJWT } from "jose";
import type { Identity } from "./identity";

/**
 * Development sign-in: fixed personas with HS256 tokens signed by a local secret, so the tab
 * can be tried without Entra ID. Only mounted when `config.devSignIn` (never in production);
 * the tokens carry `dev: true` and are refused by the authenticator otherwise.
 */

export const DEV_ISSUER = "urn:dialogi:dev-signin";
export const DEV_AUDIENCE = "urn:dialogi:directory";
const LIFETIME = "8h";

/** A development persona (its display texts are translated: `directory:personas.<id>`). */
export interface DevPersona {
  id: "reader" | "staff-vm" | "coordinator";
  userId: string;
  name: string;
  email: string;
  grants: { coordinator: boolean; staffOf: string[] };
}

export const DEV_PERSONAS: readonly DevPersona[] = [
  {
    id: "reader",
    userId: "dev-reader",
    name: "Lea Lukija (dev)",
    email: "lea.lukija@dev.invalid",
    grants: { coordinator: false, staffOf: [] },
  },
  {
    id: "staff-vm",
    userId: "dev-staff-vm",
    name: "Veikko Virkamies (dev, VM)",
    email: "veikko.virkamies@dev.invalid",
    grants: { coordinator: false, staffOf: ["vm"] },
  },
  {
    id: "coordinator",
    userId: "dev-coordinator",
    name: "Kaisa Koordinaattori (dev)",
    email: "kaisa.koordinaattori@dev.invalid",
    grants: { coordinator: true, staffOf: [] },
  },
];

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** Signs a dev token for a persona in the given tenant. */
export async function signDevToken(persona: DevPersona, tenantId: string, secret: string): Promise<string> {
  return new SignJWT({
    oid: persona.userId,
    tid: tenantId,
    name: persona.name,
    preferred_username: persona.email,
    persona: persona.id,
    dev: true,
    grants: persona.grants,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(persona.userId)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(keyOf(secret));
}

/** Verifies a dev token; throws (a jose error) when it is not one of ours or has expired. */
export async function verifyDevToken(token: string, secret: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, keyOf(secret), {
    algorithms: ["HS256"],
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    requiredClaims: ["exp", "oid", "tid"],
  });
  const persona = DEV_PERSONAS.find((p) => p.id === payload.persona && p.userId === payload.oid);
  if (!persona || payload.dev !== true) throw new Error("unknown dev persona");
  return {
    userId: persona.userId,
    tenantId: String(payload.tid),
    name: persona.name,
    email: persona.email,
    // Grants are taken from the persona table, not the token, so a token can grant nothing more.
    dev: { coordinator: persona.grants.coordinator, staffOf: [...persona.grants.staffOf] },
  };
}
