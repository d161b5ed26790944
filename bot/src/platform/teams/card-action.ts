import type { TurnContext } from "botbuilder";
import type { TurnEnv } from "./turn-env";

/** What a card action returns: a card to show in place of the one clicked, and/or a short message. */
export interface CardActionResult {
  /** Adaptive Card JSON that replaces the card (Action.Execute) or is sent (Action.Submit). */
  card?: Record<string, unknown>;
  message?: string;
}

/** Thrown by actions for input the user can fix; shown as a translated message, nothing changed. */
export class CardInputError extends Error {
  override name = "CardInputError";
  constructor(
    /** Already translated, user-facing reason. */
    public readonly userMessage: string,
  ) {
    super(userMessage);
  }
}

/**
 * One card action verb (Action.Execute `verb`, or `verb` in an Action.Submit's data).
 * Payloads are untrusted: each action validates `data` itself and takes the user's identity
 * only from the authenticated activity (`env.userId`), never from the payload.
 */
export interface CardAction {
  verb: string;
  handle(ctx: TurnContext, env: TurnEnv, data: Record<string, unknown>): Promise<CardActionResult>;
}
