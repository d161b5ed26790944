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
  reset(): void;
  close(): Promise<void>;
}

/** Starts a connector recorder on 127.0.0.1. */
export async function startConnectorRecorder(): Promise<ConnectorRecorder> {
  const calls: RecordedCall[] = [];
  const failures: InjectedFailure[] = [];
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
    reset: () => {
      calls.length = 0;
      failures.length = 0;
    },
    close: () => server.close(),
  };
}
