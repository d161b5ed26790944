/** Why a rounds operation was refused; each code has a translated message (`rounds:refused.<code>`). */
export type RoundErrorCode =
  | "notFound"
  | "forbidden"
  | "notStarted"
  | "alreadyStarted"
  | "ended"
  | "noGroups"
  | "noRegistrants"
  | "roundRunning"
  | "noRoundRunning"
  | "noMoreRounds"
  | "busy"
  | "badMove"
  | "notMember"
  | "roundClosed"
  | "membersMayNotWrite"
  | "notEnded"
  | "earlyStart"
  | "notInGroups"
  | "alreadyInGroups"
  | "notRegistered"
  | "groupsFull";

/** A refusal the user understands; nothing was changed. */
export class RoundError extends Error {
  override name = "RoundError";
  constructor(public readonly code: RoundErrorCode) {
    super(`rounds operation refused: ${code}`);
  }
}

/** Raised by the run-state repository when an ETag-conditional write lost a race. */
export class StaleStateError extends Error {
  override name = "StaleStateError";
}
