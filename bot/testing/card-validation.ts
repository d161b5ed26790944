/* eslint-disable @typescript-eslint/no-require-imports */
// The adaptivecards package's main entry expects a DOM; its UMD bundle parses and validates without one.
const AC = require("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => {
    parse(json: unknown, context?: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount?: number; getEventAt?(i: number): { message: string } };
};

/** Parses a card with the Adaptive Cards SDK; returns every validation/parse message (empty = valid). */
export function adaptiveCardProblems(card: unknown): string[] {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  ac.parse(card, ctx);
  const problems: string[] = [];
  const count = ctx.eventCount ?? 0;
  for (let i = 0; i < count; i++) problems.push(ctx.getEventAt!(i).message);
  for (const event of ac.validateProperties().validationEvents) problems.push(event.message);
  dropDynamicChoiceSets(card, problems);
  // Stricter than the SDK (which only asks required inputs for labels): screen readers need
  // a label on every input (WCAG 2.1 1.3.1 / 3.3.2).
  walkObjects(card, (o) => {
    if (typeof o.type === "string" && o.type.startsWith("Input.") && !o.label) {
      problems.push(`Input ${String(o.id)} has no label`);
    }
  });
  return problems;
}

const NO_CHOICES = "An Input.ChoiceSet must have at least one choice defined.";

/**
 * Teams' dynamic typeahead (`choices.data` of type Data.Query, e.g. the people picker over
 * `graph.microsoft.com/users`) fills the choices at run time; the SDK does not know the extension
 * and asks for static ones. Only sets with a Data.Query are excused.
 */
function dropDynamicChoiceSets(card: unknown, problems: string[]): void {
  let excused = 0;
  walkObjects(card, (o) => {
    const data = o["choices.data"] as { type?: string; dataset?: string } | undefined;
    const empty = !Array.isArray(o.choices) || o.choices.length === 0;
    if (o.type === "Input.ChoiceSet" && empty && data?.type === "Data.Query" && data.dataset) excused++;
  });
  for (let i = problems.length - 1; i >= 0 && excused > 0; i--) {
    if (problems[i] === NO_CHOICES) {
      problems.splice(i, 1);
      excused--;
    }
  }
}

function walkObjects(n: unknown, visit: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(n)) return n.forEach((x) => walkObjects(x, visit));
  if (!n || typeof n !== "object") return;
  visit(n as Record<string, unknown>);
  Object.values(n).forEach((x) => walkObjects(x, visit));
}

/** All TextBlock/FactSet texts of a card, for assertions on content. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== "object") return;
    const o = n as Record<string, unknown>;
    for (const k of ["text", "title", "value", "label"])
      if (typeof o[k] === "string") out.push(o[k] as string);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

/** The first Adaptive Card attachment of a sent activity (fails the test when there is none). */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> {
  const attachments = activity?.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  const card = attachments?.find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
  if (!card) throw new Error("expected an Adaptive Card attachment");
  return card.content;
}
