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
  /** Read by the job runner: without a reference a retry cannot succeed either. */
  readonly permanent = true;
  constructor(readonly conversationId: string) {
    super("no conversation reference");
  }
}

/**
 * The connector answered 403 or 404 for the conversation: the app was removed from it, the user
 * blocked or uninstalled the bot, or the chat is gone. The stored reference has been dropped,
 * and retrying cannot help, so a job that hits this gives up at once (`permanent`).
 */
export class ConversationGoneError extends DeliveryError {
  override name = "ConversationGoneError";
  /** Read by the job runner: do not retry. */
  readonly permanent = true;
  constructor(
    operation: string,
    statusCode: number,
    attempts: number,
    readonly conversationId: string,
    cause?: unknown,
  ) {
    super(operation, statusCode, attempts, cause);
  }
}
