/** A proactive send that failed for good (not retryable, or retries exhausted). */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  constructor(
    /** What failed, e.g. "send" or "update". */
    readonly operation: string,
    /** HTTP status from the connector, when it answered. */
    readonly statusCode: number | undefined,
    /** How many attempts were made. */
    readonly attempts: number,
    cause?: unknown,
  ) {
    super(`${operation} failed${statusCode ? ` with HTTP ${statusCode}` : ""} after ${attempts} attempt(s)`, {
      cause,
    });
  }
}

/** Raised when there is no stored conversation reference to message through. */
export class NoReferenceError extends Error {
  override name = "NoReferenceError";
  constructor(readonly conversationId: string) {
    super("no conversation reference");
  }
}
