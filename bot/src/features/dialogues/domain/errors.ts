/** Why a dialogue operation was refused; each code has a translated message (`dialogue:refused.<code>`). */
export type DialogueErrorCode =
  | "notFound"
  | "forbidden"
  | "stale"
  | "cancelled"
  | "closed"
  | "notRegistered"
  | "busy"
  | "groundRules"
  | "ended";

/**
 * A refusal the user can understand (nothing was changed). Unknown dialogue ids and dialogues of
 * another tenant both give "notFound", so ids from other tenants cannot be probed.
 */
export class DialogueError extends Error {
  override name = "DialogueError";
  constructor(public readonly code: DialogueErrorCode) {
    super(`dialogue operation refused: ${code}`);
  }
}

/** Raised by repositories when an ETag-conditional write lost a race. */
export class ConcurrencyError extends Error {
  override name = "ConcurrencyError";
}
