/**
 * Why a series operation was refused. Each code has a translated message
 * (`series:refused.<code>`) and an HTTP status in the REST API; nothing was changed.
 */
export type SeriesErrorCode =
  | "notFound"
  | "forbidden"
  | "notCoordinator"
  | "stale"
  | "registrationClosed"
  | "recordsClosed"
  | "invalid"
  | "dialogueNotFound"
  | "noSummary"
  | "requestReused";

/** A validation failure of one field; `key` is under `errors.` in the `series` namespace. */
export interface SeriesFieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/**
 * A refusal the user can understand. Unknown ids and another tenant's ids both give "notFound",
 * so ids of other tenants cannot be probed.
 */
export class SeriesError extends Error {
  override name = "SeriesError";
  constructor(
    public readonly code: SeriesErrorCode,
    /** For `invalid`: every problem at once. */
    public readonly fields: SeriesFieldError[] = [],
    /** For `stale`: the current state, so a client can show it and nothing typed is lost. */
    public readonly current?: unknown,
  ) {
    super(`series operation refused: ${code}`);
  }
}

/** Raised by repositories when an ETag-conditional write lost a race. */
export class SeriesConflictError extends Error {
  override name = "SeriesConflictError";
}
