import type { TableClient } from "@azure/data-tables";
import { encodeKey } from "./keys";

/** The parts of a Bot Framework ConversationReference we need to message proactively. */
export interface StoredConversationRef {
  /** "user" (personal chat, keyed by AAD object id) or "conversation" (channel / group chat). */
  kind: "user" | "conversation";
  key: string;
  tenantId?: string;
  serviceUrl: string;
  conversationId: string;
  conversationType?: string;
  channelId: string;
  botId?: string;
  locale?: string;
  /** JSON of the full ConversationReference. */
  reference: string;
}

type Entity = Omit<StoredConversationRef, "kind" | "key"> & { partitionKey: string; rowKey: string };

/** Table `ConversationRefs`: PK = kind, RK = encoded AAD object id or conversation id. */
export function createConversationRefRepository(table: TableClient) {
  // Saving on every turn would add a write to every message; remember what this instance
  // stored recently and skip identical writes (the table stays the source of truth).
  const recent = new Map<string, string>();
  return {
    /** Upserts a reference unless this instance already stored the same one. */
    async save(ref: StoredConversationRef): Promise<void> {
      const cacheKey = `${ref.kind}|${ref.key}`;
      const fingerprint = `${ref.serviceUrl}|${ref.conversationId}|${ref.locale ?? ""}`;
      if (recent.get(cacheKey) === fingerprint) return;
      const { kind, key, ...rest } = ref;
      const entity: Entity = { partitionKey: kind, rowKey: encodeKey(key), ...rest };
      await table.upsertEntity(entity, "Replace");
      if (recent.size > 10_000) recent.clear();
      recent.set(cacheKey, fingerprint);
    },
    /** Reads a reference; undefined when unknown. */
    async get(kind: StoredConversationRef["kind"], key: string): Promise<StoredConversationRef | undefined> {
      try {
        const e = await table.getEntity<Entity>(kind, encodeKey(key));
        return {
          kind,
          key,
          tenantId: e.tenantId,
          serviceUrl: e.serviceUrl,
          conversationId: e.conversationId,
          conversationType: e.conversationType,
          channelId: e.channelId,
          botId: e.botId,
          locale: e.locale,
          reference: e.reference,
        };
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
  };
}

/** The repository type. */
export type ConversationRefRepository = ReturnType<typeof createConversationRefRepository>;
