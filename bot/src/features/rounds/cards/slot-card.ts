import { expandSharedCard } from "../../../platform/teams/render-card";

/** Marks a slot in the skeleton; starts with a control character, which no accepted input contains. */
const SLOT = "\u0000slot:";

/**
 * Binds `data` into a card template like `expandCard`, but for cards on a hot path whose values
 * differ on every render (a note's text, a fresh nonce): the template is expanded once per set of
 * non-slot values (memoised by `expandCard`) with marker strings in the `slots`, and the markers
 * are then replaced by the real values. Template expansion costs milliseconds of CPU (an ANTLR
 * parse per expression); the replacement costs microseconds. Values are assigned as data, never
 * parsed, and replaced values are not scanned again. `$when`/`$data` in the template must only
 * depend on non-slot fields. The card's parts that hold no slot are shared and frozen: send the
 * card, never change it.
 */
export function expandWithSlots<T extends object>(
  template: object,
  data: T,
  slots: readonly (keyof T & string)[],
): Record<string, unknown> {
  const skeletonData = { ...data } as Record<string, unknown>;
  for (const key of slots) skeletonData[key] = SLOT + key;
  // The memoised skeleton is shared (frozen): filling builds new nodes only along the paths to
  // slots; parts without a slot stay the skeleton's own (frozen) nodes, shared between cards.
  const skeleton = expandSharedCard(template, skeletonData);
  const values = data as unknown as Record<string, unknown>;
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") return node.startsWith(SLOT) ? values[node.slice(SLOT.length)] : node;
    if (!node || typeof node !== "object" || !hasSlot(node)) return node;
    if (Array.isArray(node)) return node.map(fill);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(node)) out[k] = fill((node as Record<string, unknown>)[k]);
    return out;
  };
  return fill(skeleton) as Record<string, unknown>;
}

/** Whether a (frozen, memoised) skeleton node holds a slot marker anywhere below it; remembered per node. */
const slotBelow = new WeakMap<object, boolean>();
function hasSlot(node: unknown): boolean {
  if (typeof node === "string") return node.startsWith(SLOT);
  if (!node || typeof node !== "object") return false;
  let known = slotBelow.get(node);
  if (known === undefined) {
    known = Object.values(node).some(hasSlot);
    slotBelow.set(node, known);
  }
  return known;
}
