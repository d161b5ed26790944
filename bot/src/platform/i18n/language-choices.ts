import type { TableClient } from "@azure/data-tables";
import { encodeKey } from "../tables/keys";
import { LANGUAGES, type Language } from "./i18n";

type Entity = { partitionKey: string; rowKey: string; language: string };

const PARTITION = "language";
const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/**
 * Table `UserPreferences`, PK = "language", RK = encoded AAD object id: the language a person
 * chose by typing a command in it. Kept in Tables (not in memory) so every instance answers them
 * in it, and features that store a registrant's language take it from their turn.
 */
export function createLanguageChoices(table: TableClient) {
  return {
    /** The person's chosen language; undefined when they never chose (their client's is used). */
    async get(userId: string): Promise<Language | undefined> {
      try {
        const e = await table.getEntity<Entity>(PARTITION, encodeKey(userId));
        return (LANGUAGES as readonly string[]).includes(e.language) ? (e.language as Language) : undefined;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    /** Remembers a choice. */
    async set(userId: string, language: Language): Promise<void> {
      const entity: Entity = { partitionKey: PARTITION, rowKey: encodeKey(userId), language };
      await table.upsertEntity(entity, "Replace");
    },
    /** Forgets the choice (back to the client's language); absent is fine. */
    async clear(userId: string): Promise<void> {
      try {
        await table.deleteEntity(PARTITION, encodeKey(userId));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },
  };
}

/** The repository type. */
export type LanguageChoices = ReturnType<typeof createLanguageChoices>;
