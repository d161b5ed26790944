/**
 * Seeded randomness so the same seed and input always give the same plan (a facilitator can
 * re-create or explain a plan; tests can pin it).
 */

/** A function returning floats in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for shuffling people. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed derived from a base seed and labels (round, cluster), so parts do not share streams. */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  // FNV-1a over the labels, mixed with the seed.
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const label of labels) {
    const s = String(label) + "\u0000";
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h;
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
