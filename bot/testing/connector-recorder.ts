import type { IncomingMessage } from "node:http";
import { listenLocal, readBody } from "./http-server";

/** One call the bot made to the (emulated) Teams connector. */
export interface RecordedCall {
  method: string;
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A scripted failure: answer the next `times` matching calls with `status`. */
export interface InjectedFailure {
  status: number;
  times: number;
  retryAfterSeconds?: number;
}

/** A conversation member as Teams' member record has it (UPN defaults to the e-mail). */
export interface TestMember {
  aadObjectId: string;
  name: string;
  email: string;
  userPrincipalName?: string;
  /** "user", "guest" or "anonymous", as Teams reports it. */
  userRole?: string;
  tenantId?: string;
}

/**
 * A loopback stand-in for the Teams connector (the activity's `serviceUrl`): records what the
 * bot sends, answers like the connector, and can inject 429/5xx responses.
 */
export interface ConnectorRecorder {
  serviceUrl: string;
  calls: RecordedCall[];
  /** Activities the bot sent (POST .../activities and PUT updates). */
  activities(): Record<string, unknown>[];
  /** Waits until at least `count` activities have been sent. */
  waitForActivities(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  failNext(failure: InjectedFailure): void;
  /**
   * Registers a conversation member, as `GET /v3/conversations/{id}/members/{memberId}`
   * (TeamsInfo.getMember) answers: by Teams id ("29:…") or AAD object id; others get 404.
   */
  setMember(member: TestMember): void;
  /** Targeted in-meeting notifications the bot sent (`POST /v1/meetings/{meetingId}/notification`). */
  meetingNotifications(): { meetingId: string; body: MeetingNotificationBody }[];
  /** Meeting ids answered 403 ("the bot is not in this meeting"), as Teams does. */
  refuseMeetings: Set<string>;
  /** Requests that broke the documented contract (tests assert it stays empty). */
  violations: string[];
  reset(): void;
  close(): Promise<void>;
}

/** The body of a targeted meeting notification as the recorder saw it. */
export interface MeetingNotificationBody {
  type: string;
  value: {
    recipients: string[];
    surfaces: { surface: string; contentType?: string; content?: { value?: Record<string, unknown> } }[];
  };
}

const NOTIFICATION_PATH = /\/v1\/meetings\/([^/?]+)\/notification$/;
/** Recipients per call that Teams documents for targeted meeting notifications. */
const MAX_RECIPIENTS = 10;

/** What is wrong with a targeted meeting notification body (Teams' documented shape), if anything. */
export function meetingNotificationProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (body.type !== "targetedMeetingNotification") problems.push(`type ${String(body.type)}`);
  const value = body.value as Record<string, unknown> | undefined;
  const recipients = value?.recipients;
  if (!Array.isArray(recipients) || recipients.length === 0) problems.push("no recipients");
  else {
    if (recipients.length > MAX_RECIPIENTS)
      problems.push(`${recipients.length} recipients (max ${MAX_RECIPIENTS})`);
    if (!recipients.every((r) => typeof r === "string" && r.length > 0))
      problems.push("a recipient is not an id");
    if (new Set(recipients).size !== recipients.length) problems.push("duplicate recipients");
  }
  const surfaces = value?.surfaces;
  if (!Array.isArray(surfaces) || surfaces.length === 0) return [...problems, "no surfaces"];
  const kinds = surfaces.map((x) => (x as { surface?: unknown }).surface);
  if (new Set(kinds).size !== kinds.length) problems.push("a surface type twice");
  for (const x of surfaces as Record<string, unknown>[]) {
    if (x.surface === "meetingTabIcon") {
      if (x.tabEntityId !== undefined && typeof x.tabEntityId !== "string") problems.push("tabEntityId");
    } else if (x.surface === "meetingStage") {
      const v = (x.content as { value?: Record<string, unknown> } | undefined)?.value;
      if (x.contentType !== "task") problems.push("meetingStage contentType");
      if (!v || typeof v.title !== "string" || !v.title) problems.push("meetingStage title");
      if (!v || typeof v.url !== "string" || !/^https?:\/\//.test(v.url)) problems.push("meetingStage url");
      if (!v || typeof v.height !== "string" || typeof v.width !== "string")
        problems.push("meetingStage size");
    } else problems.push(`surface ${String(x.surface)}`);
  }
  return problems;
}

/** Starts a connector recorder on 127.0.0.1. */
export async function startConnectorRecorder(): Promise<ConnectorRecorder> {
  const calls: RecordedCall[] = [];
  const failures: InjectedFailure[] = [];
  const violations: string[] = [];
  const refuseMeetings = new Set<string>();
  let counter = 0;
  const waiters = new Set<() => void>();
  const members = new Map<string, TestMember>();
  const isActivityCall = (c: RecordedCall) => /\/activities(\/|$)/.test(c.path) && c.method !== "DELETE";
  const server = await listenLocal(async (req: IncomingMessage, res) => {
    const text = await readBody(req);
    const failure = failures[0];
    if (failure) {
      if (--failure.times <= 0) failures.shift();
      res.statusCode = failure.status;
      if (failure.retryAfterSeconds !== undefined)
        res.setHeader("Retry-After", String(failure.retryAfterSeconds));
      res.end(JSON.stringify({ error: { code: "Throttled", message: "injected" } }));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { raw: text };
    }
    const call = {
      method: req.method ?? "GET",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      body,
    };
    calls.push(call);
    res.setHeader("Content-Type", "application/json");
    const notification = NOTIFICATION_PATH.exec(call.path);
    if (notification) {
      if (req.method !== "POST") violations.push(`${req.method} ${call.path}`);
      for (const p of meetingNotificationProblems(body)) violations.push(`${call.path}: ${p}`);
      const meetingId = decodeURIComponent(notification[1]!);
      if (refuseMeetings.has(meetingId)) {
        res.statusCode = 403;
        res.end(
          JSON.stringify({ error: { code: "BotNotInConversationRoster", message: "bot not in meeting" } }),
        );
      } else {
        res.statusCode = 202;
        res.end("{}");
      }
      for (const w of [...waiters]) w();
      return;
    }
    const member = req.method === "GET" && /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(call.path);
    if (member) {
      const id = decodeURIComponent(member[1]!).replace(/^29:/, "");
      const m = members.get(id);
      res.statusCode = m ? 200 : 404;
      res.end(
        JSON.stringify(
          m
            ? { id: `29:${m.aadObjectId}`, userPrincipalName: m.email, ...m }
            : { error: { code: "MemberNotFoundInConversation", message: "not found" } },
        ),
      );
    } else if (req.method === "POST" && /\/v3\/conversations\/?$/.test(call.path)) {
      // createConversation (proactive 1:1 chat)
      res.end(JSON.stringify({ id: `a:personal-${++counter}`, activityId: `act-${counter}` }));
    } else {
      res.end(JSON.stringify({ id: `act-${++counter}` }));
    }
    for (const w of [...waiters]) w();
  });
  const activities = () => calls.filter(isActivityCall).map((c) => c.body);
  return {
    serviceUrl: server.url,
    calls,
    activities,
    waitForActivities(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (activities().length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(activities());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} activities, got ${activities().length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    failNext: (f) => failures.push({ ...f }),
    setMember: (m) => void members.set(m.aadObjectId, m),
    meetingNotifications: () =>
      calls.flatMap((c) => {
        const m = NOTIFICATION_PATH.exec(c.path);
        return m
          ? [{ meetingId: decodeURIComponent(m[1]!), body: c.body as unknown as MeetingNotificationBody }]
          : [];
      }),
    refuseMeetings,
    violations,
    reset: () => {
      calls.length = 0;
      failures.length = 0;
      violations.length = 0;
    },
    close: () => server.close(),
  };
}
