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

/** Options of {@link ConversationRefRepository.save}. */
export interface SaveRefOptions {
  /**
   * Write even when this instance remembers writing the same reference. Install events use it:
   * another instance may have dropped the row (uninstall) since this one cached it.
   */
  force?: boolean;
}

type Entity = Omit<StoredConversationRef, "kind" | "key"> & { partitionKey: string; rowKey: string };

const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/** Table `ConversationRefs`: PK = kind, RK = encoded AAD object id or conversation id. */
export function createConversationRefRepository(table: TableClient) {
  // Saving on every turn would add a write to every message; remember what this instance
  // stored recently and skip identical writes (the table stays the source of truth).
  const recent = new Map<string, string>();
  const cacheKey = (kind: StoredConversationRef["kind"], key: string) => `${kind}|${key}`;

  /** Deletes one row (absent is fine); returns whether a row was there. */
  async function remove(kind: StoredConversationRef["kind"], key: string): Promise<boolean> {
    recent.delete(cacheKey(kind, key));
    try {
      await table.deleteEntity(kind, encodeKey(key));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  return {
    /** Upserts a reference unless this instance already stored the same one. */
    async save(ref: StoredConversationRef, options: SaveRefOptions = {}): Promise<void> {
      const ck = cacheKey(ref.kind, ref.key);
      const fingerprint = `${ref.serviceUrl}|${ref.conversationId}|${ref.locale ?? ""}|${ref.teamId ?? ""}`;
      if (!options.force && recent.get(ck) === fingerprint) return;
      const { kind, key, ...rest } = ref;
      const entity: Entity = { partitionKey: kind, rowKey: encodeKey(key), ...rest };
      await table.upsertEntity(entity, "Replace");
      if (recent.size > 10_000) recent.clear();
      recent.set(ck, fingerprint);
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
      // Cached fingerprints are by decoded key; simplest is to forget them all (a cache, not data).
      if (removed > 0) recent.clear();
      return removed;
    },
  };
}

/** The repository type. */
export type ConversationRefRepository = ReturnType<typeof createConversationRefRepository>;
