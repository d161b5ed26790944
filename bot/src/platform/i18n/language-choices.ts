import type { TableClient } from "@azure/data-tables";
import { encodeKey } from "../tables/keys";
import { LANGUAGES, type Language } from "./i18n";

type Entity = { partitionKey: string; rowKey: string; language: string };

const PARTITION = "language";
const isNotFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/** How long an instance trusts what it last read or wrote of a person's choice. */
export const LANGUAGE_CHOICE_TTL_MS = 30_000;
/** People whose choice an instance keeps at most (oldest dropped first). */
const MAX_CACHED = 10_000;

/** Options of {@link createLanguageChoices}. */
export interface LanguageChoiceOptions {
  /** The clock (the app's seam), for the cache's time-to-live. */
  now?: () => Date;
}

/**
 * Table `UserPreferences`, PK = "language", RK = encoded AAD object id: the language a person
 * chose by typing a command in it. Kept in Tables (not in memory) so every instance answers them
 * in it, and features that store a registrant's language take it from their turn.
 *
 * Every turn asks for the choice, so each instance remembers what it read or wrote for
 * {@link LANGUAGE_CHOICE_TTL_MS}: without it a `help` or a note save costs a table read (mostly a
 * 404, whose error is the dearest part). A choice made on another instance therefore reaches
 * this one within that time; the instance where it was made knows it at once.
 */
export function createLanguageChoices(table: TableClient, options: LanguageChoiceOptions = {}) {
  const now = options.now ?? (() => new Date());
  const cache = new Map<string, { language: Language | undefined; until: number }>();
  const remember = (userId: string, language: Language | undefined) => {
    cache.delete(userId);
    cache.set(userId, { language, until: now().getTime() + LANGUAGE_CHOICE_TTL_MS });
    if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  };
  return {
    /** The person's chosen language; undefined when they never chose (their client's is used). */
    async get(userId: string): Promise<Language | undefined> {
      const hit = cache.get(userId);
      if (hit && hit.until > now().getTime()) return hit.language;
      let language: Language | undefined;
      try {
        const e = await table.getEntity<Entity>(PARTITION, encodeKey(userId));
        if ((LANGUAGES as readonly string[]).includes(e.language)) language = e.language as Language;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      remember(userId, language);
      return language;
    },
    /** Remembers a choice. */
    async set(userId: string, language: Language): Promise<void> {
      const entity: Entity = { partitionKey: PARTITION, rowKey: encodeKey(userId), language };
      cache.delete(userId);
      await table.upsertEntity(entity, "Replace");
      remember(userId, language);
    },
    /** Forgets the choice (back to the client's language); absent is fine. */
    async clear(userId: string): Promise<void> {
      cache.delete(userId);
      try {
        await table.deleteEntity(PARTITION, encodeKey(userId));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      remember(userId, undefined);
    },
  };
}

/** The repository type. */
export type LanguageChoices = ReturnType<typeof createLanguageChoices>;
