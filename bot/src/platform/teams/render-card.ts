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

/** Freezes a card (plain JSON) all the way down, so a shared card cannot be changed by accident. */
function deepFreeze<T>(node: T): T {
  if (node && typeof node === "object" && !Object.isFrozen(node)) {
    for (const v of Object.values(node)) deepFreeze(v);
    Object.freeze(node);
  }
  return node;
}

/** Copies card JSON (plain objects, arrays, primitives); several times cheaper than structuredClone here. */
export function copyCard<T>(node: T): T {
  if (Array.isArray(node)) return node.map(copyCard) as T;
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(node)) out[k] = copyCard((node as Record<string, unknown>)[k]);
    return out as T;
  }
  return node;
}

/**
 * Like {@link expandCard}, but returns the memoised card itself, deeply frozen: for callers that
 * only send it (or copy what they change), so the hot path skips a copy per request.
 */
export function expandSharedCard<T extends object>(
  template: object,
  data: T,
): Readonly<Record<string, unknown>> {
  let perTemplate = cache.get(template);
  if (!perTemplate) {
    perTemplate = new Map();
    cache.set(template, perTemplate);
  }
  const key = JSON.stringify(data);
  let card = perTemplate.get(key);
  if (!card) {
    // Markdown is escaped after binding, so no user text can become a link, image or heading.
    card = deepFreeze(
      escapeCardMarkdown(new ACData.Template(template).expand({ $root: data }) as Record<string, unknown>),
    );
    if (perTemplate.size >= MAX_CACHED_PER_TEMPLATE) perTemplate.delete(perTemplate.keys().next().value!);
    perTemplate.set(key, card);
  }
  return card;
}

/**
 * Binds `data` into an Adaptive Card template (`${...}` expressions, adaptivecards-templating)
 * and returns the card JSON (a fresh copy the caller may change). Values are bound as data,
 * never parsed as card JSON, so text from users cannot inject card elements; the Markdown of
 * TextBlocks and FactSets is escaped, so it cannot format or link either.
 */
export function expandCard<T extends object>(template: object, data: T): Record<string, unknown> {
  return copyCard(expandSharedCard(template, data)) as Record<string, unknown>;
}

/** Renders a template into a Bot Framework attachment. */
export function renderCard<T extends object>(template: object, data: T): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expandCard(template, data) };
}
