/** Why a peer operation was refused; each code has a translated message (`peer:refused.<code>`). */
export type PeerErrorCode =
  "notCoordinator" | "notStaff" | "notFound" | "invalid" | "decided" | "notEnded" | "tooSoon";

/** A field problem of the scheduling input (`peer:errors.<key>`). */
export interface PeerFieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** A refusal the user can understand; nothing was changed. */
export class PeerError extends Error {
  override name = "PeerError";
  constructor(
    public readonly code: PeerErrorCode,
    public readonly fields: PeerFieldError[] = [],
  ) {
    super(`peer operation refused: ${code}`);
  }
}
