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
 * depend on non-slot fields.
 */
export function expandWithSlots<T extends object>(
  template: object,
  data: T,
  slots: readonly (keyof T & string)[],
): Record<string, unknown> {
  const skeletonData = { ...data } as Record<string, unknown>;
  for (const key of slots) skeletonData[key] = SLOT + key;
  // The memoised skeleton is shared (frozen): filling builds a new tree in the same pass that
  // would otherwise copy it first.
  const skeleton = expandSharedCard(template, skeletonData);
  const values = data as unknown as Record<string, unknown>;
  const fill = (node: unknown): unknown => {
    if (typeof node === "string") return node.startsWith(SLOT) ? values[node.slice(SLOT.length)] : node;
    if (Array.isArray(node)) return node.map(fill);
    if (node && typeof node === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(node)) out[k] = fill((node as Record<string, unknown>)[k]);
      return out;
    }
    return node;
  };
  return fill(skeleton) as Record<string, unknown>;
}
