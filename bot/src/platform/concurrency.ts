/**
 * Runs `fn` over `items` with at most `limit` calls in flight, in order of the items, and waits
 * for all. Errors are the callback's to handle: one that escapes rejects the whole run (the
 * others still finish their current item). Used by every fan-out and the job runner, so a burst
 * of work never opens more connections to the store or the connector than they can take.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
