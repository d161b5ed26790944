import type { TableClient, TransactionAction } from "@azure/data-tables";
import { statusOf } from "../../../platform/tables/errors";

/**
 * How many mails the public form of one dialogue may cause (confirmation requests and "you are
 * already registered" notes — the mails a stranger can trigger by typing an address). Far below
 * Exchange's mailbox limits (about 30 messages a minute, 10,000 recipients a day), so one page
 * cannot crowd out the mailbox: confirmations, reminders and group links of people who did
 * register are not counted here (they are bounded by the seats). Until an organiser has confirmed
 * their own address the page sends at the low rate.
 */
export interface MailBudgetLimits {
  perHour: number;
  perDay: number;
  /** The low rate of a page whose organiser has not confirmed their address yet. */
  unconfirmedPerHour: number;
  unconfirmedPerDay: number;
}

/** Defaults (docs/public-registration.md, "Abuse controls"). */
export const DEFAULT_MAIL_BUDGET: MailBudgetLimits = {
  perHour: 120,
  perDay: 600,
  unconfirmedPerHour: 10,
  unconfirmedPerDay: 30,
};

/** The page's mail budget is used up: nothing is stored or sent; try again after the window. */
export class MailBudgetError extends Error {
  override name = "MailBudgetError";
  constructor(readonly retryAfterSeconds: number) {
    super("public registration mail budget used up");
  }
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Concurrent submits race for the counter rows; after this many lost races the submit is refused. */
const MAX_ATTEMPTS = 25;

const windowKey = (kind: "h" | "d", at: number) =>
  `m-${kind}-${Math.floor(at / (kind === "h" ? HOUR : DAY))}`;

/**
 * Durable per-dialogue mail budget: two counter rows in the dialogue's `PublicRegistrants`
 * partition (this hour, this day; so erasing the dialogue erases them), both raised in one
 * ETag-conditional transaction. Shared by every instance, unlike the in-memory buckets: a burst
 * spread over instances still sends at most the budget. Lost races retry; a store that stays
 * contended refuses (fails closed: no mail without a counted slot).
 */
export function createMailBudget(table: TableClient, limits: MailBudgetLimits) {
  type Counter = { count: number; etag?: string };
  const read = async (pk: string, rk: string): Promise<Counter> => {
    try {
      const e = await table.getEntity<{ count: number }>(pk, rk);
      return { count: Number(e.count) || 0, etag: e.etag };
    } catch (err) {
      if (statusOf(err) === 404) return { count: 0 };
      throw err;
    }
  };
  const bump = (pk: string, rk: string, c: Counter): TransactionAction =>
    c.etag
      ? ["update", { partitionKey: pk, rowKey: rk, count: c.count + 1 }, "Replace", { etag: c.etag }]
      : ["create", { partitionKey: pk, rowKey: rk, count: 1 }];

  return {
    /**
     * Takes one mail from the dialogue's budget at `now`, or throws {@link MailBudgetError} with
     * the seconds until the full window ends. `organiserConfirmed` selects the normal rate.
     */
    async take(dialogueId: string, now: Date, organiserConfirmed: boolean): Promise<void> {
      const at = now.getTime();
      const perHour = organiserConfirmed ? limits.perHour : limits.unconfirmedPerHour;
      const perDay = organiserConfirmed ? limits.perDay : limits.unconfirmedPerDay;
      const hourKey = windowKey("h", at);
      const dayKey = windowKey("d", at);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const [hour, day] = await Promise.all([read(dialogueId, hourKey), read(dialogueId, dayKey)]);
        if (day.count >= perDay) throw new MailBudgetError(Math.ceil((DAY - (at % DAY)) / 1000));
        if (hour.count >= perHour) throw new MailBudgetError(Math.ceil((HOUR - (at % HOUR)) / 1000));
        try {
          await table.submitTransaction([bump(dialogueId, hourKey, hour), bump(dialogueId, dayKey, day)]);
          return;
        } catch (err) {
          const status = statusOf(err);
          if (status !== 409 && status !== 412) throw err;
          await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
        }
      }
      throw new MailBudgetError(60);
    },
  };
}

/** The budget type. */
export type MailBudget = ReturnType<typeof createMailBudget>;
