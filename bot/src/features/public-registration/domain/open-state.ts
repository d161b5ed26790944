import type { Dialogue } from "../../dialogues";

/** Why the public page takes no registrations (a text key of the `public` namespace), or undefined. */
export type ClosedReason = "errors.cancelled" | "errors.ended" | "errors.closed";

/**
 * Whether a dialogue still takes registrations on the public page: not after it was cancelled,
 * not once it has ended (a facilitator ended it, or its end time has passed — a confirmation link
 * mailed then would only lead to a closed page), and not after the registration deadline.
 */
export function closedReason(
  d: Pick<Dialogue, "state" | "endedAt" | "end" | "deadline">,
  now: Date,
): ClosedReason | undefined {
  if (d.state === "cancelled") return "errors.cancelled";
  if (d.endedAt || now >= d.end) return "errors.ended";
  if (now > d.deadline) return "errors.closed";
  return undefined;
}
