import type { Attachment } from "botbuilder";
import * as ACData from "adaptivecards-templating";
import { escapeCardMarkdown } from "./markdown";

/** Content type of Adaptive Card attachments. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

// Template expansion evaluates every `${...}` with adaptive-expressions (an ANTLR parser): it
// was the largest CPU cost on the bot's hot path. Identical (template, data) pairs are common —
// the help card per language, a dialogue's invitation for every reader — so results are memoised.
const MAX_CACHED_PER_TEMPLATE = 256;
const cache = new WeakMap<object, Map<string, Record<string, unknown>>>();

/**
 * Binds `data` into an Adaptive Card template (`${...}` expressions, adaptivecards-templating)
 * and returns the card JSON (a fresh copy the caller may change). Values are bound as data,
 * never parsed as card JSON, so text from users cannot inject card elements; the Markdown of
 * TextBlocks and FactSets is escaped, so it cannot format or link either.
 */
export function expandCard<T extends object>(template: object, data: T): Record<string, unknown> {
  let perTemplate = cache.get(template);
  if (!perTemplate) {
    perTemplate = new Map();
    cache.set(template, perTemplate);
  }
  const key = JSON.stringify(data);
  let card = perTemplate.get(key);
  if (!card) {
    // Markdown is escaped after binding, so no user text can become a link, image or heading.
    card = escapeCardMarkdown(
      new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>,
    );
    if (perTemplate.size >= MAX_CACHED_PER_TEMPLATE) perTemplate.delete(perTemplate.keys().next().value!);
    perTemplate.set(key, card);
  }
  return structuredClone(card);
}

/** Renders a template into a Bot Framework attachment. */
export function renderCard<T extends object>(template: object, data: T): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expandCard(template, data) };
}
