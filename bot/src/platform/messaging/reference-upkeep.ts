import { errorFields, type Logger } from "../../logger";
import type { ConversationRefRepository, StoredConversationRef } from "../tables/conversation-refs";

/**
 * The messenger's writes to the stored conversation references. None of them throws: a send
 * that reached the user must not fail because its bookkeeping did (the failure is logged).
 */
export interface ReferenceUpkeep {
  /** Forgets a reference the connector refused, so later sends stop before calling it. */
  drop(ref: StoredConversationRef): Promise<void>;
  /** Remembers a personal chat also by conversation id, so `updateActivity` can find it. */
  rememberByConversation(ref: StoredConversationRef): Promise<void>;
  /** Stores a newly created personal chat, by user and by conversation id. */
  saveCreated(ref: StoredConversationRef): Promise<void>;
}

/** Creates the {@link ReferenceUpkeep} over the app's conversation references. */
export function createReferenceUpkeep(
  conversationRefs: ConversationRefRepository,
  logger: Logger,
): ReferenceUpkeep {
  const rememberByConversation = (ref: StoredConversationRef) =>
    conversationRefs
      .save({ ...ref, kind: "conversation", key: ref.conversationId })
      .catch((err) => logger.warn("conversation reference not saved", errorFields(err)));

  return {
    async drop(ref) {
      try {
        await conversationRefs.remove(ref.kind, ref.key);
        // A personal chat is also stored by conversation id (for updates): drop both.
        if (ref.kind === "user") await conversationRefs.remove("conversation", ref.conversationId);
      } catch (err) {
        logger.warn("conversation reference not removed", {
          conversationId: ref.conversationId,
          ...errorFields(err),
        });
      }
    },
    rememberByConversation,
    async saveCreated(ref) {
      await conversationRefs.save(ref).catch((err) => logger.warn("reference not saved", errorFields(err)));
      await rememberByConversation(ref);
    },
  };
}
