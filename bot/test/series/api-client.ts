import type { TestApp } from "../../testing/app";
import { SSO_TENANT, type SsoAuthority } from "../../testing/sso";

/** A signed-in tab user for the series REST API tests. */
export interface ApiUser {
  userId: string;
  name: string;
  email?: string;
  tenantId?: string;
  lang?: string;
}

/** A Teams SSO token for the user from the local "Entra ID" (the app validates it like a real one). */
export function ssoToken(sso: SsoAuthority, u: ApiUser): Promise<string> {
  return sso.mint({
    oid: u.userId,
    tid: u.tenantId ?? SSO_TENANT,
    name: u.name,
    email: u.email ?? `${u.userId}@example.org`,
  });
}

/** Minimal JSON client for the series API. */
export function apiClient(app: TestApp, sso: SsoAuthority) {
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
        ...(u ? { authorization: `Bearer ${await ssoToken(sso, u)}` } : {}),
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
        headers: { authorization: `Bearer ${await ssoToken(sso, u)}` },
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

/**
 * A reported dialogue enrolled from the tab (`POST /api/series/:id/dialogues`): Espoo's library
 * dialogue on 2.4.2027, within {@link seriesBody}'s period; `overrides` over it.
 */
export function reportedDialogueBody(overrides: Record<string, unknown> = {}) {
  return {
    kind: "reported",
    title: "Espoon kirjastodialogi",
    organisation: "Espoon kaupunki",
    date: "2027-04-02",
    mode: "hybrid",
    language: "fi",
    targetGroup: "Kaikki",
    expectedParticipants: 15,
    region: "uusimaa",
    ...overrides,
  };
}
