import type { IncomingMessage, ServerResponse } from "node:http";
import { listenLocal, readBody } from "../../bot/testing/http-server";
import { mulberry32 } from "../../bot/src/features/rounds/domain/grouping/prng";

/** At most `limit` requests in any `ms`-long window. */
export interface Window {
  limit: number;
  ms: number;
}

/**
 * Teams' published limits for a bot, per conversation (thread). Written out here, not imported
 * from the messenger, so the emulator does not inherit a mistake in the code it measures.
 */
export const PUBLISHED_CONVERSATION_LIMITS: readonly Window[] = [
  { limit: 7, ms: 1000 },
  { limit: 8, ms: 2000 },
  { limit: 60, ms: 30_000 },
  { limit: 1800, ms: 3_600_000 },
];

/** Teams' published limit per app per tenant: 50 requests per second. */
export const PUBLISHED_TENANT_LIMITS: readonly Window[] = [{ limit: 50, ms: 1000 }];

/** Options of {@link startConnectorEmulator}. */
export interface ConnectorEmulatorOptions {
  conversationLimits?: readonly Window[];
  tenantLimits?: readonly Window[];
  /** Share of admitted requests answered with a retryable failure (412/502/504). Default 0.03. */
  faultRate?: number;
  /** Deterministic randomness for the fault injection (default: a seeded generator). */
  random?: () => number;
}

/** What the emulator saw. */
export interface EmulatorStats {
  /** Every request, including throttled ones. */
  requests: number;
  /** Requests that passed the rate limits (delivered + injected faults): what the limits count. */
  admitted: number;
  delivered: number;
  /** Answered 429 + Retry-After. */
  throttled: number;
  /**
   * 429s by the limit that refused them: `conversation` (a thread's windows) or `tenant` (the
   * app's 50/s in one tenant); both when both were over.
   */
  throttledBy: { conversation: number; tenant: number };
  /** 429s per conversation id and per tenant id. */
  throttledPer: Map<string, number>;
  throttledPerTenant: Map<string, number>;
  /** Bodies (text + attachments JSON) delivered per conversation, in order (for exactly-once checks). */
  bodies: Map<string, string[]>;
  /** When the first and the last activity were delivered (performance.now() of this process; 0 = none). */
  firstDeliveredAt: number;
  lastDeliveredAt: number;
  /** When each 429 was answered (performance.now() of this process). */
  throttledAt: number[];
  /** The longest pause between two delivered activities (ms): a sender handover shows here. */
  longestGapMs: number;
  /** Injected failures by status. */
  faults: Record<string, number>;
  /** Same activity delivered to the same conversation more than once. */
  duplicates: number;
  /** Admitted requests per conversation id. */
  admittedPer: Map<string, number>;
  /** Delivered activities per conversation id. */
  deliveredPer: Map<string, number>;
}

/**
 * A loopback Teams connector that enforces the published rate limits: a request that would
 * exceed a per-conversation or per-tenant window is answered 429 with Retry-After (whole
 * seconds, as HTTP allows). A few admitted requests fail with 412/502/504, which Teams'
 * guidance says to retry; those count against the limits but deliver nothing (so a retry
 * cannot duplicate). Delivered activities are recorded per conversation for a dedupe check.
 */
export interface ConnectorEmulator {
  serviceUrl: string;
  stats(): EmulatorStats;
  /** Forgets what was recorded (the rate windows too). */
  reset(): void;
  close(): Promise<void>;
}

/** The seeded PRNG the grouping uses (mulberry32), so runs are replayable. */
export const seededRandom = mulberry32;

/** Sliding-window logs per key: admits or says how long to wait. */
function createWindows(windows: readonly Window[]) {
  const longest = Math.max(...windows.map((w) => w.ms));
  const logs = new Map<string, number[]>();
  return {
    /** 0 when admissible at `t`, else ms until it would be. */
    waitMs(key: string, t: number): number {
      const log = logs.get(key) ?? [];
      let wait = 0;
      for (const w of windows) {
        // Admitted times in (t − w.ms, t]; the log is sorted, so count from the end.
        let first = log.length;
        while (first > 0 && log[first - 1]! > t - w.ms) first--;
        const inWindow = log.length - first;
        if (inWindow >= w.limit) wait = Math.max(wait, log[first + inWindow - w.limit]! + w.ms - t);
      }
      return wait;
    },
    admit(key: string, t: number): void {
      let log = logs.get(key);
      if (!log) logs.set(key, (log = []));
      log.push(t);
      while (log.length > 0 && log[0]! <= t - longest) log.shift();
    },
    clear: () => logs.clear(),
  };
}

const FAULTS = [412, 502, 504] as const;

/** Starts the emulator on 127.0.0.1 and a free port. */
export async function startConnectorEmulator(
  options: ConnectorEmulatorOptions = {},
): Promise<ConnectorEmulator> {
  const conversations = createWindows(options.conversationLimits ?? PUBLISHED_CONVERSATION_LIMITS);
  const tenants = createWindows(options.tenantLimits ?? PUBLISHED_TENANT_LIMITS);
  const faultRate = options.faultRate ?? 0.03;
  const random = options.random ?? seededRandom(10);
  let stats: EmulatorStats;
  let seen: Map<string, number>;
  let counter = 0;
  const reset = () => {
    stats = {
      requests: 0,
      admitted: 0,
      delivered: 0,
      throttled: 0,
      throttledBy: { conversation: 0, tenant: 0 },
      throttledPer: new Map(),
      throttledPerTenant: new Map(),
      bodies: new Map(),
      firstDeliveredAt: 0,
      lastDeliveredAt: 0,
      longestGapMs: 0,
      throttledAt: [],
      faults: {},
      duplicates: 0,
      admittedPer: new Map(),
      deliveredPer: new Map(),
    };
    seen = new Map();
    conversations.clear();
    tenants.clear();
  };
  reset();

  const answer = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

  const server = await listenLocal(async (req: IncomingMessage, res) => {
    // Counted when the request arrives (its headers), as the service's front door would: reading
    // a card's body takes this process a moment more, and on a busy machine several moments, which
    // would make the emulator, not the sender, bunch requests together.
    const t = performance.now();
    const text = await readBody(req);
    stats.requests++;
    const body = (text ? JSON.parse(text) : {}) as {
      text?: string;
      attachments?: unknown;
      conversation?: { tenantId?: string };
      channelData?: { tenant?: { id?: string } };
    };
    const path = req.url ?? "";
    const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(path);
    if (!match) {
      // createConversation and other calls: answer like the connector, unthrottled.
      answer(res, 200, { id: `a:emulated-${++counter}`, activityId: `act-${counter}` });
      return;
    }
    const conversationId = decodeURIComponent(match[1]!);
    const tenant = body.conversation?.tenantId ?? body.channelData?.tenant?.id ?? "unknown";
    const conversationWait = conversations.waitMs(conversationId, t);
    const tenantWait = tenants.waitMs(tenant, t);
    const wait = Math.max(conversationWait, tenantWait);
    if (wait > 0) {
      stats.throttled++;
      stats.throttledAt.push(performance.now());
      if (conversationWait > 0) stats.throttledBy.conversation++;
      if (tenantWait > 0) stats.throttledBy.tenant++;
      bump(stats.throttledPer, conversationId);
      bump(stats.throttledPerTenant, tenant);
      const retryAfter = String(Math.max(1, Math.ceil(wait / 1000)));
      answer(
        res,
        429,
        { error: { code: "Throttled", message: "Too many requests" } },
        { "Retry-After": retryAfter },
      );
      return;
    }
    conversations.admit(conversationId, t);
    tenants.admit(tenant, t);
    stats.admitted++;
    bump(stats.admittedPer, conversationId);
    if (random() < faultRate) {
      const status = FAULTS[Math.floor(random() * FAULTS.length)]!;
      stats.faults[status] = (stats.faults[status] ?? 0) + 1;
      answer(res, status, { error: { code: "ServiceError", message: "injected" } });
      return;
    }
    stats.delivered++;
    bump(stats.deliveredPer, conversationId);
    const content = `${body.text ?? ""}\n${JSON.stringify(body.attachments ?? null)}`;
    const key = `${conversationId}\n${content}`;
    if (seen.has(key)) stats.duplicates++;
    bump(seen, key);
    const list = stats.bodies.get(conversationId) ?? [];
    list.push(content);
    stats.bodies.set(conversationId, list);
    const at = performance.now();
    if (stats.lastDeliveredAt) stats.longestGapMs = Math.max(stats.longestGapMs, at - stats.lastDeliveredAt);
    stats.lastDeliveredAt = at;
    if (!stats.firstDeliveredAt) stats.firstDeliveredAt = stats.lastDeliveredAt;
    answer(res, 200, { id: `act-${++counter}` });
  });

  return {
    serviceUrl: server.url,
    stats: () => stats,
    reset,
    close: () => server.close(),
  };
}

/**
 * The least time the limits allow for the given admitted requests per conversation, all in one
 * tenant: each request takes the earliest instant every window permits (greedy, which is
 * optimal for identical requests), the first at 0. Returns the last request's instant in ms —
 * e.g. 1,000 requests to distinct conversations at 50/s → 19,000 (the first 50 go at once).
 */
export function minimumScheduleMs(
  perConversation: readonly number[],
  conversationLimits: readonly Window[] = PUBLISHED_CONVERSATION_LIMITS,
  tenantLimits: readonly Window[] = PUBLISHED_TENANT_LIMITS,
): number {
  const slot = (log: number[], limits: readonly Window[], t: number) => {
    for (const w of limits) {
      const lth = log[log.length - w.limit];
      if (lth !== undefined) t = Math.max(t, lth + w.ms);
    }
    return t;
  };
  const tenantLog: number[] = [];
  const convLogs = perConversation.map(() => [] as number[]);
  const remaining = [...perConversation];
  let last = 0;
  let total = remaining.reduce((a, b) => a + b, 0);
  // Each step sends the request (of any conversation with work left) that can go earliest.
  while (total > 0) {
    let best = Infinity;
    let bestConv = -1;
    const tenantAt = slot(tenantLog, tenantLimits, last);
    for (let c = 0; c < remaining.length; c++) {
      if (remaining[c]! === 0) continue;
      const t = slot(convLogs[c]!, conversationLimits, tenantAt);
      if (t < best) {
        best = t;
        bestConv = c;
        if (t === tenantAt) break;
      }
    }
    tenantLog.push(best);
    convLogs[bestConv]!.push(best);
    remaining[bestConv]!--;
    total--;
    last = best;
  }
  return last;
}
