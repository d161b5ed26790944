import { odata, type TableClient } from "@azure/data-tables";
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
  /** The team of a channel (`channelData.team.id`): removing the app from a team drops all its channels. */
  teamId?: string;
  /** JSON of the full ConversationReference. */
  reference: string;
}

type Entity = Omit<StoredConversationRef, "kind" | "key"> & { partitionKey: string; rowKey: string };

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/** Table `ConversationRefs`: PK = kind, RK = encoded AAD object id or conversation id. */
export function createConversationRefRepository(table: TableClient) {
  /** Deletes one row (absent is fine); returns whether a row was there. */
  async function remove(kind: StoredConversationRef["kind"], key: string): Promise<boolean> {
    try {
      await table.deleteEntity(kind, encodeKey(key));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  return {
    /**
     * Upserts a reference, on every turn. No instance-local cache may skip this write: another
     * instance may have deleted the row (uninstall, or the connector said the chat is gone), and
     * only a write on the person's next turn brings proactive messages back. The price is one
     * point upsert per turn (a turn already reads and writes several rows).
     */
    async save(ref: StoredConversationRef): Promise<void> {
      const { kind, key, ...rest } = ref;
      const entity: Entity = { partitionKey: kind, rowKey: encodeKey(key), ...rest };
      await table.upsertEntity(entity, "Replace");
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
          teamId: e.teamId,
          reference: e.reference,
        };
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    /** Forgets a reference (the app was removed there, or the connector says it is gone). */
    remove,
    /** Forgets every channel of a team the app was removed from; returns how many rows went. */
    async removeTeam(teamId: string): Promise<number> {
      const rows = table.listEntities<Entity>({
        queryOptions: {
          filter: odata`PartitionKey eq 'conversation' and teamId eq ${teamId}`,
          select: ["rowKey"],
        },
      });
      let removed = 0;
      for await (const row of rows) {
        try {
          await table.deleteEntity("conversation", row.rowKey);
          removed++;
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      return removed;
    },
  };
}

/** The repository type. */
export type ConversationRefRepository = ReturnType<typeof createConversationRefRepository>;
