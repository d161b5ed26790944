import { standardAgenda } from "../agenda";
import type { AgendaItem, DialogueGrouping, DialogueLanguage } from "../types";
import { METHOD_TEMPLATES } from "./catalogue";
import { IAP2_LEVELS, METHOD_IDS, type Iap2Level, type MethodId, type MethodTemplate } from "./types";

/** True for a known template id. */
export const isMethodId = (v: unknown): v is MethodId =>
  typeof v === "string" && (METHOD_IDS as readonly string[]).includes(v);

/** True for a known IAP2 level. */
export const isIap2Level = (v: unknown): v is Iap2Level =>
  typeof v === "string" && (IAP2_LEVELS as readonly string[]).includes(v);

/** The template of an id. */
export const methodTemplate = (id: MethodId): MethodTemplate => METHOD_TEMPLATES[id];

/**
 * The template's programme scaled to a start and end (minutes from midnight), rounded to 5 minutes
 * like the standard agenda; the dialogue template is the standard agenda itself.
 */
export function methodAgenda(
  id: MethodId,
  startMin: number,
  endMin: number,
  lang: DialogueLanguage,
): AgendaItem[] {
  const steps = METHOD_TEMPLATES[id].agenda;
  if (!steps) return standardAgenda(startMin, endMin, lang);
  const span = Math.max(endMin - startMin, 0);
  const items: AgendaItem[] = [];
  for (const step of steps) {
    const minutes =
      step.at === 1 ? endMin : Math.min(endMin, Math.round((startMin + step.at * span) / 5) * 5);
    if (items.length && items[items.length - 1]!.minutes >= minutes && step.at !== 1) continue;
    items.push({ minutes, title: step.title[lang], breakout: step.breakout });
  }
  return items;
}

/** Grouping of a template: its sizes, plus organisations mixed when the dialogue is between them. */
export function methodGrouping(id: MethodId, mixOrganisations: boolean): DialogueGrouping {
  return {
    ...METHOD_TEMPLATES[id].groupSizes,
    ...(mixOrganisations ? { policies: { org: "diversify" } } : {}),
  };
}
