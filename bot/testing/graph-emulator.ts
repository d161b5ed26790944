import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { listenLocal, readBody } from "./http-server";

/** The object id the emulator gives a user looked up by UPN (stable, GUID-shaped). */
export function userIdOfMail(upn: string): string {
  const hex = createHash("sha256").update(upn.toLowerCase()).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A loopback stand-in for the parts of Microsoft Graph v1.0 the app calls, plus App Service's
 * managed-identity token endpoint (IDENTITY_ENDPOINT) that issues its tokens. It checks request
 * shapes against Graph's documented contract (a violation is answered 400 and recorded, so a test
 * can assert there were none), requires a Bearer token it issued for itself, can answer 429 with
 * Retry-After now and then, 403 (no admin consent) or 500 (down), and records every call.
 *
 * Endpoints (all under /v1.0):
 * - GET  /users/{id}?$select=…                         → the selected fields of {id, displayName, mail,
 *                                                        userPrincipalName, companyName, department}
 * - POST /users/{id}/events                            → 201 event (transactionId deduplicates)
 * - GET  /users/{id}/events/{eventId}
 * - PATCH /users/{id}/events/{eventId}                 → 200 event
 * - POST /users/{id}/events/{eventId}/cancel           → 202
 * - POST /users/{id}/onlineMeetings/createOrGet        → 201 new / 200 existing (by externalId)
 * - DELETE /users/{id}/onlineMeetings/{meetingId}      → 204 (404 when not the user's meeting)
 * - GET  /users/{id}/onlineMeetings?$filter=JoinWebUrl eq '…' → the user's own meetings with that
 *                                                        link (`chatInfo.threadId`), else none
 * - GET  /servicePrincipals/{id}/appRoleAssignedTo      → the role assignments ($select, $top ≤ 999,
 *                                                        pages of `pageSize` with @odata.nextLink)
 * - POST /users/{id}/checkMemberGroups                  → the given group ids (≤ 20) the user is in
 */

/** One call the app made to the emulator. */
export interface GraphCall {
  method: string;
  path: string;
  /** The query string as sent (e.g. `?%24select=companyName%2Cdepartment`), "" when none. */
  query: string;
  body: Record<string, unknown> | undefined;
  status: number;
}

/** An attendee as Graph stores it. */
export interface GraphAttendee {
  emailAddress: { address: string; name?: string };
  type: "required" | "optional" | "resource";
}

/** An event in the emulated mailbox. */
export interface GraphEvent {
  id: string;
  organiser: string;
  subject: string;
  body: { contentType: string; content: string };
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  isOnlineMeeting: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl: string };
  location?: { displayName: string };
  attendees: GraphAttendee[];
  transactionId?: string;
  isCancelled: boolean;
  cancelComment?: string;
}

/** An online meeting made with createOrGet. */
export interface GraphOnlineMeeting {
  id: string;
  organiser: string;
  externalId: string;
  subject?: string;
  startDateTime: string;
  endDateTime: string;
  joinWebUrl: string;
}

/** Behaviour switches a test flips. */
export interface GraphEmulatorOptions {
  /** Answer every Nth Graph call with 429 + Retry-After (0 = never). */
  throttleEvery?: number;
  /** Seconds in the Retry-After header of a 429. Default 0. */
  retryAfterSeconds?: number;
  /** Answer every Graph call 403 (admin consent missing / access policy). */
  forbidden?: boolean;
  /** Answer every Graph call 500 (Graph down). */
  down?: boolean;
  /** Assignments per page of appRoleAssignedTo (default 100). */
  pageSize?: number;
  /**
   * Holds a call's answer (Graph has already acted on it) until the returned promise settles:
   * for races between a request in flight and what the app does meanwhile.
   */
  holdAnswer?: (method: string, path: string) => Promise<void> | undefined;
}

/** The profile fields a test gives a user (Entra's `companyName` and `department`). */
export interface GraphUserProfile {
  companyName?: string | null;
  department?: string | null;
}

/** An app role assignment (users and groups assigned a role of a service principal). */
export interface GraphAppRoleAssignment {
  resourceId: string;
  principalId: string;
  principalType: "User" | "Group" | "ServicePrincipal";
  appRoleId: string;
}

const ASSIGNMENT_FIELDS = new Set([
  "id",
  "appRoleId",
  "principalId",
  "principalType",
  "principalDisplayName",
  "resourceId",
  "resourceDisplayName",
  "createdDateTime",
  "deletedDateTime",
]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User properties the app may `$select` (a typo or an unused field is a violation). */
const USER_FIELDS = new Set(["id", "displayName", "mail", "userPrincipalName", "companyName", "department"]);

/** The running emulator. */
export interface GraphEmulator {
  /** Base URL for GRAPH_ENDPOINT. */
  url: string;
  /** App settings that point the app here (GRAPH_ENDPOINT, IDENTITY_ENDPOINT, IDENTITY_HEADER). */
  env: Record<string, string>;
  options: GraphEmulatorOptions;
  calls: GraphCall[];
  /** Contract violations seen (each was answered 400). */
  violations: string[];
  events: Map<string, GraphEvent>;
  meetings: Map<string, GraphOnlineMeeting>;
  /** Profile fields by user id (users not listed have none). */
  profiles: Map<string, GraphUserProfile>;
  /** Service principals (object ids) that exist, with their role assignments. */
  servicePrincipals: Set<string>;
  appRoleAssignments: GraphAppRoleAssignment[];
  /** Group id → member user ids (transitive membership already flattened). */
  groupMembers: Map<string, Set<string>>;
  /** Tokens issued by the managed-identity endpoint. */
  tokensIssued: number;
  /** Graph calls answered 429. */
  throttled: number;
  /** The mail address the emulator gives a user id. */
  mailOf(userId: string): string;
  /**
   * Adds a directory user: `GET /users/{id or mail}` then finds them by either; once any user is
   * added, an e-mail no added user has is answered 404 (as Graph answers an unknown address).
   */
  addUser(user: { id: string; displayName: string; mail: string }): void;
  /** Resolves when `predicate` holds (checked after every call), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

const ON_LINE_PROVIDERS = ["teamsForBusiness", "skypeForBusiness", "skypeForConsumer", "unknown"];
const ATTENDEE_TYPES = ["required", "optional", "resource"];
const EVENT_FIELDS = new Set([
  "subject",
  "body",
  "start",
  "end",
  "isOnlineMeeting",
  "onlineMeetingProvider",
  "location",
  "attendees",
  "transactionId",
  "allowNewTimeProposals",
  "isReminderOn",
  "responseRequested",
]);
const TIME_ZONES = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
// Graph's dateTimeTimeZone.dateTime: local time without offset, e.g. 2030-03-25T09:00:00.
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

class Violation extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Violation(message);
}

function checkDateTimeTimeZone(v: unknown, field: string): void {
  check(isObject(v), `${field}: must be a dateTimeTimeZone object`);
  check(typeof v.dateTime === "string" && LOCAL_DATE_TIME.test(v.dateTime), `${field}.dateTime: bad format`);
  check(typeof v.timeZone === "string" && TIME_ZONES.has(v.timeZone), `${field}.timeZone: unknown time zone`);
}

function checkAttendees(v: unknown): asserts v is GraphAttendee[] {
  check(Array.isArray(v), "attendees: must be an array");
  for (const [i, a] of v.entries()) {
    check(isObject(a) && isObject(a.emailAddress), `attendees[${i}].emailAddress: required`);
    const e = a.emailAddress as Record<string, unknown>;
    check(
      typeof e.address === "string" && /^[^@\s]+@[^@\s]+$/.test(e.address),
      `attendees[${i}]: bad address`,
    );
    check(e.name === undefined || typeof e.name === "string", `attendees[${i}].emailAddress.name: string`);
    check(typeof a.type === "string" && ATTENDEE_TYPES.includes(a.type), `attendees[${i}].type: bad type`);
    check(
      Object.keys(a).every((k) => ["emailAddress", "type", "status"].includes(k)),
      `attendees[${i}]: unknown property`,
    );
  }
}

/** Checks an event body (full for create, partial for update). */
function checkEvent(b: Record<string, unknown>, create: boolean): void {
  for (const k of Object.keys(b)) check(EVENT_FIELDS.has(k), `event: unknown property ${k}`);
  if (create || "subject" in b)
    check(typeof b.subject === "string" && b.subject.length > 0, "subject: required");
  if ("body" in b) {
    check(isObject(b.body), "body: must be an itemBody");
    check(["html", "text"].includes(String(b.body.contentType).toLowerCase()), "body.contentType: html|text");
    check(typeof b.body.content === "string", "body.content: string");
  }
  if (create || "start" in b) checkDateTimeTimeZone(b.start, "start");
  if (create || "end" in b) checkDateTimeTimeZone(b.end, "end");
  if ("start" in b && "end" in b) {
    const s = b.start as { dateTime: string; timeZone: string };
    const e = b.end as { dateTime: string; timeZone: string };
    if (s.timeZone === e.timeZone) check(s.dateTime < e.dateTime, "end: must be after start");
  }
  if ("isOnlineMeeting" in b) check(typeof b.isOnlineMeeting === "boolean", "isOnlineMeeting: boolean");
  if ("onlineMeetingProvider" in b)
    check(ON_LINE_PROVIDERS.includes(String(b.onlineMeetingProvider)), "onlineMeetingProvider: bad value");
  if ("location" in b)
    check(isObject(b.location) && typeof b.location.displayName === "string", "location.displayName: string");
  if ("attendees" in b) checkAttendees(b.attendees);
  if ("transactionId" in b)
    check(typeof b.transactionId === "string" && b.transactionId !== "", "transactionId");
}

/** Starts the emulator on 127.0.0.1 and a free port. */
export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const identityHeader = randomBytes(12).toString("hex");
  const tokens = new Map<string, { resource: string; expires: number }>();
  const state = {
    calls: [] as GraphCall[],
    violations: [] as string[],
    events: new Map<string, GraphEvent>(),
    meetings: new Map<string, GraphOnlineMeeting>(),
    profiles: new Map<string, GraphUserProfile>(),
    servicePrincipals: new Set<string>(),
    appRoleAssignments: [] as GraphAppRoleAssignment[],
    groupMembers: new Map<string, Set<string>>(),
    tokensIssued: 0,
    throttled: 0,
  };
  let graphCalls = 0;
  let origin = "";
  const waiters = new Set<() => void>();
  const directory: { id: string; displayName: string; mail: string }[] = [];
  const mailOf = (userId: string) => `${userId.toLowerCase()}@dialogi.example`;

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.statusCode = status;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body === undefined) {
      res.end();
      return;
    }
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(body));
  };
  const graphError = (code: string, message: string) => ({ error: { code, message } });

  function issueToken(req: IncomingMessage, url: URL, res: ServerResponse): void {
    if (req.headers["x-identity-header"] !== identityHeader) return send(res, 401, { error: "bad header" });
    if (url.searchParams.get("api-version") !== "2019-08-01") return send(res, 400, { error: "api-version" });
    const resource = url.searchParams.get("resource") ?? "";
    const token = `mi-${randomBytes(16).toString("hex")}`;
    const expires = Math.floor(Date.now() / 1000) + 3600;
    tokens.set(token, { resource, expires: expires * 1000 });
    state.tokensIssued++;
    send(res, 200, { access_token: token, expires_on: String(expires), resource, token_type: "Bearer" });
  }

  function eventOut(e: GraphEvent) {
    const { organiser: _o, transactionId: _t, cancelComment: _c, ...rest } = e;
    return rest;
  }

  /** Handles one authorised Graph call; returns [status, body]. */
  function graph(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    query: URLSearchParams,
  ): [number, unknown?] {
    let m: RegExpMatchArray | null;
    if (method === "GET" && (m = path.match(/^\/users\/([^/]+)$/))) {
      const id = decodeURIComponent(m[1]!);
      const select = query.get("$select");
      // The app always asks for the fields it uses (Graph's default set has no companyName).
      check(!!select, "GET /users/{id}: $select required");
      const fields = select.split(",");
      for (const f of fields) check(USER_FIELDS.has(f), `$select: unknown user property ${f}`);
      check(new Set(fields).size === fields.length, "$select: a property twice");
      const key = id.toLowerCase();
      const seeded = directory.find((u) => u.id === id || u.mail.toLowerCase() === key);
      if (!seeded && directory.length > 0 && key.includes("@"))
        return [404, { error: { code: "Request_ResourceNotFound", message: "not found" } }];
      // Looked up by UPN with no users seeded (directory grants by e-mail): answer with an
      // object id, as Graph does.
      const base = seeded
        ? { ...seeded, userPrincipalName: seeded.mail }
        : key.includes("@")
          ? { id: userIdOfMail(id), displayName: id, mail: id, userPrincipalName: id }
          : { id, displayName: id, mail: mailOf(id), userPrincipalName: mailOf(id) };
      const profile = state.profiles.get(base.id) ?? {};
      const user: Record<string, unknown> = {
        ...base,
        companyName: profile.companyName ?? null,
        department: profile.department ?? null,
      };
      return [200, Object.fromEntries(fields.map((f) => [f, user[f]]))];
    }
    if (method === "POST" && (m = path.match(/^\/users\/([^/]+)\/events$/))) {
      check(!!body, "event: body required");
      checkEvent(body, true);
      const organiser = decodeURIComponent(m[1]!);
      const tx = body.transactionId as string | undefined;
      const existing = tx && [...state.events.values()].find((e) => e.transactionId === tx);
      if (existing) return [201, eventOut(existing)];
      const id = `evt-${randomUUID()}`;
      const online = body.isOnlineMeeting === true;
      const event: GraphEvent = {
        id,
        organiser,
        subject: body.subject as string,
        body: (body.body as GraphEvent["body"]) ?? { contentType: "text", content: "" },
        start: body.start as GraphEvent["start"],
        end: body.end as GraphEvent["end"],
        isOnlineMeeting: online,
        onlineMeetingProvider: body.onlineMeetingProvider as string | undefined,
        onlineMeeting: online ? { joinUrl: teamsJoinUrl(id) } : undefined,
        location: body.location as GraphEvent["location"],
        attendees: (body.attendees as GraphAttendee[]) ?? [],
        transactionId: tx,
        isCancelled: false,
      };
      check(!online || event.onlineMeetingProvider === "teamsForBusiness", "onlineMeetingProvider: teams");
      state.events.set(id, event);
      return [201, eventOut(event)];
    }
    if ((m = path.match(/^\/users\/([^/]+)\/events\/([^/]+)(\/cancel)?$/))) {
      const event = state.events.get(decodeURIComponent(m[2]!));
      if (!event || event.organiser !== decodeURIComponent(m[1]!))
        return [404, graphError("ErrorItemNotFound", "The specified object was not found in the store.")];
      if (m[3] && method === "POST") {
        check(!body || body.comment === undefined || typeof body.comment === "string", "comment: string");
        event.isCancelled = true;
        event.cancelComment = body?.comment as string | undefined;
        return [202];
      }
      if (method === "GET") return [200, eventOut(event)];
      if (method === "PATCH") {
        check(!!body, "event: body required");
        checkEvent(body, false);
        check(!("transactionId" in body), "transactionId: only on create");
        if (event.isCancelled) return [400, graphError("ErrorInvalidRequest", "The event was cancelled.")];
        Object.assign(event, body);
        return [200, eventOut(event)];
      }
    }
    if (method === "POST" && (m = path.match(/^\/users\/([^/]+)\/onlineMeetings\/createOrGet$/))) {
      check(!!body, "createOrGet: body required");
      check(typeof body.externalId === "string" && body.externalId !== "", "externalId: required");
      check(typeof body.startDateTime === "string" && ISO_INSTANT.test(body.startDateTime), "startDateTime");
      check(typeof body.endDateTime === "string" && ISO_INSTANT.test(body.endDateTime), "endDateTime");
      check(body.subject === undefined || typeof body.subject === "string", "subject: string");
      const allowed = ["externalId", "startDateTime", "endDateTime", "subject", "participants"];
      for (const k of Object.keys(body)) check(allowed.includes(k), `createOrGet: unknown property ${k}`);
      const organiser = decodeURIComponent(m[1]!);
      const key = `${organiser}|${body.externalId as string}`;
      const found = state.meetings.get(key);
      if (found) return [200, found];
      const id = `mtg-${randomUUID()}`;
      const meeting: GraphOnlineMeeting = {
        id,
        organiser,
        externalId: body.externalId as string,
        subject: body.subject as string | undefined,
        startDateTime: body.startDateTime as string,
        endDateTime: body.endDateTime as string,
        joinWebUrl: teamsJoinUrl(id),
      };
      state.meetings.set(key, meeting);
      return [201, meeting];
    }
    if (method === "GET" && (m = path.match(/^\/users\/([^/]+)\/onlineMeetings$/))) {
      // Graph answers only for meetings the user organises, found by their join link.
      const filter = /^JoinWebUrl eq '((?:[^']|'')*)'$/.exec(query.get("$filter") ?? "");
      check(!!filter, "GET /users/{id}/onlineMeetings: $filter=JoinWebUrl eq '…' required");
      const url = filter[1]!.replace(/''/g, "'");
      const organiser = decodeURIComponent(m[1]!);
      const all = [
        ...state.meetings.values(),
        ...[...state.events.values()]
          .filter((e) => e.onlineMeeting)
          .map((e) => ({ id: `ev-${e.id}`, organiser: e.organiser, joinWebUrl: e.onlineMeeting!.joinUrl })),
      ];
      const value = all
        .filter((x) => x.organiser === organiser && x.joinWebUrl === url)
        .map((x) => ({
          id: x.id,
          joinWebUrl: x.joinWebUrl,
          chatInfo: { threadId: threadOfJoinUrl(x.joinWebUrl) },
        }));
      return [200, { value }];
    }
    if (method === "DELETE" && (m = path.match(/^\/users\/([^/]+)\/onlineMeetings\/([^/]+)$/))) {
      check(!body, "DELETE: no body");
      const organiser = decodeURIComponent(m[1]!);
      const id = decodeURIComponent(m[2]!);
      const key = [...state.meetings.entries()].find(
        ([, v]) => v.id === id && v.organiser === organiser,
      )?.[0];
      if (!key) return [404, graphError("NotFound", "The meeting was not found.")];
      state.meetings.delete(key);
      return [204];
    }
    if (method === "GET" && (m = path.match(/^\/servicePrincipals\/([^/]+)\/appRoleAssignedTo$/))) {
      const sp = decodeURIComponent(m[1]!);
      check(GUID.test(sp), "servicePrincipals/{id}: an object id");
      for (const k of query.keys())
        check(["$select", "$top", "$skiptoken"].includes(k), `appRoleAssignedTo: unsupported parameter ${k}`);
      const select = query.get("$select")?.split(",");
      for (const f of select ?? []) check(ASSIGNMENT_FIELDS.has(f), `$select: unknown property ${f}`);
      const top = Number(query.get("$top") ?? 100);
      check(Number.isInteger(top) && top >= 1 && top <= 999, "$top: 1..999");
      if (!state.servicePrincipals.has(sp))
        return [404, graphError("Request_ResourceNotFound", `Resource '${sp}' does not exist.`)];
      const all = state.appRoleAssignments.filter((a) => a.resourceId === sp);
      const from = Number(query.get("$skiptoken") ?? 0);
      const size = Math.min(top, options.pageSize ?? 100);
      const page = all.slice(from, from + size).map((a) => {
        const row: Record<string, unknown> = { id: `${a.principalId}-${a.appRoleId}`, ...a };
        return select ? Object.fromEntries(select.map((f) => [f, row[f] ?? null])) : row;
      });
      const next = new URL(`${origin}/v1.0${path}`);
      for (const [k, v] of query) next.searchParams.set(k, v);
      next.searchParams.set("$skiptoken", String(from + size));
      return [200, { value: page, ...(from + size < all.length ? { "@odata.nextLink": next.href } : {}) }];
    }
    if (method === "POST" && (m = path.match(/^\/users\/([^/]+)\/checkMemberGroups$/))) {
      const user = decodeURIComponent(m[1]!);
      check(!!body && Object.keys(body).join() === "groupIds", "checkMemberGroups: body is { groupIds }");
      const ids = body.groupIds;
      check(Array.isArray(ids) && ids.length >= 1 && ids.length <= 20, "groupIds: 1..20 ids");
      check(
        ids.every((g) => typeof g === "string" && GUID.test(g)),
        "groupIds: object ids",
      );
      return [200, { value: (ids as string[]).filter((g) => state.groupMembers.get(g)?.has(user)) }];
    }
    return [400, graphError("BadRequest", `emulator: no endpoint ${method} ${path}`)];
  }

  const server = await listenLocal(async (req, res) => {
    const url = new URL(req.url ?? "/", origin);
    const text = await readBody(req);
    if (url.pathname === "/msi/token") return issueToken(req, url, res);
    const method = req.method ?? "GET";
    const path = url.pathname.replace(/^\/v1\.0/, "");
    let body: Record<string, unknown> | undefined;
    let status = 500;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
      check(url.pathname.startsWith("/v1.0/"), "path: must start with /v1.0/");
      if (text) check(String(req.headers["content-type"]).includes("application/json"), "Content-Type: json");
      const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "");
      const token = auth && tokens.get(auth[1]!);
      if (!token || token.expires < Date.now() || token.resource !== origin) {
        status = 401;
        return send(res, 401, graphError("InvalidAuthenticationToken", "Access token is empty or invalid."));
      }
      graphCalls++;
      if (options.forbidden) {
        status = 403;
        return send(res, 403, graphError("ErrorAccessDenied", "Access is denied. Check credentials."));
      }
      if (options.down) {
        status = 500;
        return send(res, 500, graphError("InternalServerError", "emulated outage"));
      }
      if (options.throttleEvery && graphCalls % options.throttleEvery === 0) {
        status = 429;
        state.throttled++;
        const retryAfter = String(options.retryAfterSeconds ?? 0);
        return send(res, 429, graphError("TooManyRequests", "throttled"), { "Retry-After": retryAfter });
      }
      const [s, out] = graph(method, path, body, url.searchParams);
      status = s;
      await options.holdAnswer?.(method, path);
      send(res, s, out);
    } catch (err) {
      status = 400;
      const message = err instanceof Violation ? err.message : "malformed JSON";
      state.violations.push(`${method} ${path}: ${message}`);
      send(res, 400, graphError("BadRequest", message));
    } finally {
      state.calls.push({ method, path, query: url.search, body, status });
      for (const w of [...waiters]) w();
    }
  });
  origin = server.url;

  return {
    url: server.url,
    env: {
      GRAPH_ENDPOINT: server.url,
      IDENTITY_ENDPOINT: `${server.url}/msi/token`,
      IDENTITY_HEADER: identityHeader,
    },
    options,
    get calls() {
      return state.calls;
    },
    get violations() {
      return state.violations;
    },
    get events() {
      return state.events;
    },
    get meetings() {
      return state.meetings;
    },
    get profiles() {
      return state.profiles;
    },
    get servicePrincipals() {
      return state.servicePrincipals;
    },
    get appRoleAssignments() {
      return state.appRoleAssignments;
    },
    get groupMembers() {
      return state.groupMembers;
    },
    get tokensIssued() {
      return state.tokensIssued;
    },
    get throttled() {
      return state.throttled;
    },
    mailOf,
    addUser: (user) => void directory.push(user),
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const tick = () => {
          if (!predicate()) return;
          waiters.delete(tick);
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        };
        // Also poll: a predicate may depend on the app's tables, not only on calls here.
        const poll = setInterval(tick, 50);
        const timer = setTimeout(() => {
          waiters.delete(tick);
          clearInterval(poll);
          reject(new Error("graph emulator: condition not reached in time"));
        }, timeoutMs);
        waiters.add(tick);
        tick();
      });
    },
    reset() {
      state.calls.length = 0;
      state.violations.length = 0;
      state.events.clear();
      state.meetings.clear();
      state.throttled = 0;
    },
    close: () => server.close(),
  };
}

/** The meeting chat's thread id in a join link made by {@link teamsJoinUrl} (or Teams' long links). */
function threadOfJoinUrl(url: string): string | undefined {
  const m = /\/l\/meetup-join\/([^/?#]+)/.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** A join link shaped like Teams' (the meeting chat's thread id, URL-encoded, then `/0?context=`). */
export function teamsJoinUrl(id: string): string {
  const thread = `19:meeting_${id.replace(/[^\w]/g, "")}@thread.v2`;
  return `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(thread)}/0?context=%7b%7d`;
}
