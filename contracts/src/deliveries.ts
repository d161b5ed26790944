/**
 * What the app sent on its own for a dialogue (group cards, reminders, in-meeting notices, mail)
 * and what did not arrive after every retry: `GET /api/meeting/dialogues/:id/deliveries`
 * (organisers and facilitators), and `POST …/deliveries/retry` to send the failed ones again.
 */

/** What a delivery was (translated in the tab). */
export const DELIVERY_LABELS = [
  "groupCard",
  "timer",
  "reminder24h",
  "reminder15m",
  "meetingNotice",
  "cancelled",
  "changed",
  "summary",
  "broadcast",
  "mail",
  "confirmed",
  "waitlisted",
  "promoted",
  "message",
  "staffAdded",
  "retentionNotice",
  "peerInvitation",
  "peerDraft",
  "meetingProblem",
] as const;

/** One of {@link DELIVERY_LABELS} (an unknown label is shown as "message"). */
export type DeliveryLabel = (typeof DELIVERY_LABELS)[number];

/** A delivery that failed for good (the retry budget is spent, or the person cannot be reached). */
export interface FailedDelivery {
  /** Opaque id of the delivery (for "send again"). */
  id: string;
  label: string;
  /** The person's name when they are a registrant; otherwise empty (an in-meeting notice batch). */
  name: string;
  /** Why (an error name, e.g. `UnreachableError` when the person never opened a chat with the bot). */
  reason: string;
  attempts: number;
}

/** `GET /api/meeting/dialogues/:id/deliveries`. */
export interface DeliveriesView {
  sent: number;
  pending: number;
  failed: FailedDelivery[];
}

/** `POST /api/meeting/dialogues/:id/deliveries/retry`: the ids to send again (all failed when omitted). */
export interface RetryDeliveriesBody {
  ids?: string[];
}

/** Answer of the retry: how many were queued again. */
export interface RetryDeliveriesResult {
  requeued: number;
}
