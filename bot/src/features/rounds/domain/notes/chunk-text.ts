/**
 * Splitting long text over several Azure Table string properties: a property holds at most
 * 64 KiB = 32,768 UTF-16 code units, so 30,000 leaves room. A chunk never ends between the two
 * halves of a surrogate pair, so each chunk is valid text on its own.
 */

/** Default chunk size in UTF-16 code units. */
export const DEFAULT_CHUNK_UNITS = 30_000;

/** Splits text into chunks of at most `maxUnits` UTF-16 units (at least one chunk, possibly ""). */
export function chunkText(text: string, maxUnits = DEFAULT_CHUNK_UNITS): string[] {
  // Two units at least, or a surrogate pair could never fit.
  const size = Number.isFinite(maxUnits) ? Math.max(2, Math.floor(maxUnits)) : DEFAULT_CHUNK_UNITS;
  if (text.length <= size) return [text];
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    // Ending on a high surrogate would cut a pair: leave it for the next chunk.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

/** The inverse of `chunkText`. */
export function joinChunks(chunks: readonly string[]): string {
  return chunks.join("");
}
