import { SignJWT } from "jose";
import type { TestApp } from "../../testing/app";
import { TEST_TENANT } from "../../testing/activities";

/** A signed-in tab user for the series REST API tests. */
export interface ApiUser {
  userId: string;
  name: string;
  email?: string;
  tenantId?: string;
  lang?: string;
}

/**
 * Mints a dev sign-in token the way the interim authenticator accepts it (HS256 with the app's
 * devTokenSecret, issuer "dialogi-dev").
 */
export async function devToken(app: TestApp, u: ApiUser): Promise<string> {
  return new SignJWT({ tid: u.tenantId ?? TEST_TENANT, name: u.name, email: u.email })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(u.userId)
    .setIssuer("dialogi-dev")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(app.config.devTokenSecret));
}

/** Minimal JSON client for the series API. */
export function apiClient(app: TestApp) {
  async function call(
    u: ApiUser | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: {
        ...(u ? { authorization: `Bearer ${await devToken(app, u)}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        "accept-language": u?.lang ?? "fi",
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const type = res.headers.get("content-type") ?? "";
    const json = type.includes("json") ? ((await res.json()) as Record<string, unknown>) : undefined;
    return { status: res.status, json: json ?? {}, headers: res.headers, res };
  }
  return {
    call,
    get: (u: ApiUser | undefined, path: string) => call(u, "GET", path),
    post: (u: ApiUser, path: string, body: unknown = {}) => call(u, "POST", path, body),
    put: (u: ApiUser, path: string, body: unknown, etag?: string) =>
      call(u, "PUT", path, body, etag ? { "if-match": etag } : {}),
    /** Raw bytes of a download. */
    async download(u: ApiUser, path: string) {
      const res = await fetch(`${app.url}${path}`, {
        headers: { authorization: `Bearer ${await devToken(app, u)}` },
      });
      return {
        status: res.status,
        type: res.headers.get("content-type") ?? "",
        body: Buffer.from(await res.arrayBuffer()),
      };
    },
  };
}

/** A series body valid for a period around `today` (YYYY-MM-DD dates). */
export function seriesBody(overrides: Record<string, unknown> = {}) {
  return {
    theme: "Luottamus arjessa",
    question: "Mikä vahvistaa luottamusta toisiin ihmisiin ja yhteiskuntaan?",
    periodStart: "2027-03-01",
    periodEnd: "2027-04-30",
    registrationDeadline: "2027-04-15",
    recordsDeadline: "2027-05-15",
    languages: ["fi", "sv"],
    materials: {
      invitation: {
        fi: "Tervetuloa dialogiin luottamuksesta.",
        sv: "Välkommen till en dialog om tillit.",
        en: "",
      },
      discussionGuide: "1. Tervetuloa 2. Pelisäännöt 3. Kierros",
      groundRules: "Kuuntele. Puhu omasta kokemuksesta. Ei päätöksiä.",
    },
    ...overrides,
  };
}
