import type { RateLimiter } from "./rate-limiter";

/**
 * What a sender hands to the next holder of the sender lease so that the app's pacing goes on
 * across the handover: the recent sends per conversation and per tenant. Without it the next
 * holder's logs start empty and it must wait out Teams' windows after the last send.
 */
export interface PacingHandover {
  /** The recent sends, as text for the lease row. */
  snapshot(): string;
  /** Counts the last holder's recent sends in this instance's windows; false when `text` is not a snapshot. */
  adopt(text: string): boolean;
}

/** The conversation's 8-per-2-s window plus margin; the tenant's one second lies within it. */
const RECENT_MS = 2100;
/** At 50 sends a second, two seconds touch at most 100 conversations. */
const MAX_CONVERSATIONS = 200;
const MAX_TENANTS = 20;

type Entries = [string, number[]][];
const isEntries = (x: unknown): x is Entries =>
  Array.isArray(x) &&
  x.every(
    (e) =>
      Array.isArray(e) &&
      e.length === 2 &&
      typeof e[0] === "string" &&
      Array.isArray(e[1]) &&
      (e[1] as unknown[]).every((t) => typeof t === "number" && Number.isFinite(t)),
  );

/**
 * The handover over the messenger's two limiters. The per-conversation 30 s and 1 h windows are
 * not carried (only a busy group chat comes near them, and a 429 there is honoured).
 */
export function createPacingHandover(
  limiters: { conversations: RateLimiter; tenants: RateLimiter },
  now: () => number = Date.now,
): PacingHandover {
  const { conversations, tenants } = limiters;
  /**
   * Only times within the handed-over span of now: a clock far ahead (a corrupt row, a skewed
   * instance) must not hold this sender's windows shut for longer than the span itself.
   */
  const plausible = (times: number[]) => {
    const t = now();
    return times.filter((x) => x > t - RECENT_MS && x <= t + RECENT_MS);
  };
  return {
    snapshot: () =>
      JSON.stringify({
        c: conversations.recent(RECENT_MS, MAX_CONVERSATIONS),
        t: tenants.recent(RECENT_MS, MAX_TENANTS),
      }),
    adopt(text) {
      let parsed: { c?: unknown; t?: unknown };
      try {
        parsed = JSON.parse(text) as { c?: unknown; t?: unknown };
      } catch {
        return false;
      }
      if (!isEntries(parsed?.c) || !isEntries(parsed?.t)) return false;
      for (const [key, times] of parsed.c.slice(0, MAX_CONVERSATIONS))
        conversations.seed(key, plausible(times));
      for (const [key, times] of parsed.t.slice(0, MAX_TENANTS)) tenants.seed(key, plausible(times));
      return true;
    },
  };
}
