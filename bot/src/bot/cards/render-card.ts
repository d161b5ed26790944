import type { Attachment } from "botbuilder";
import * as ACData from "adaptivecards-templating";

/** Content type of Adaptive Card attachments. */
export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * Binds `data` into an Adaptive Card template (`${...}` expressions, adaptivecards-templating)
 * and returns the card JSON. Values are bound as data, never parsed as card JSON, so text
 * from users cannot inject card elements.
 */
export function expandCard<T extends object>(template: object, data: T): Record<string, unknown> {
  const tpl = new ACData.Template(template);
  return tpl.expand({ $root: data }) as Record<string, unknown>;
}

/** Renders a template into a Bot Framework attachment. */
export function renderCard<T extends object>(template: object, data: T): Attachment {
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: expandCard(template, data) };
}
