/**
 * Azure Tables limits a string property to 64 KiB (32 Ki UTF-16 characters) and an entity to
 * 1 MiB. Series materials, records and summaries can exceed one property, so their JSON is split
 * over `data0`, `data1`, … properties and joined on read.
 */
const CHUNK = 30_000;
const MAX_CHUNKS = 15;

/** Splits a value's JSON over `dataN` properties; throws when it would not fit one entity. */
export function toChunks(value: unknown): Record<string, string | number> {
  const json = JSON.stringify(value);
  const count = Math.max(1, Math.ceil(json.length / CHUNK));
  if (count > MAX_CHUNKS) throw new RangeError(`value too large for one table entity (${json.length} chars)`);
  const out: Record<string, string | number> = { chunks: count };
  for (let i = 0; i < count; i++) out[`data${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
  return out;
}

/** Joins the `dataN` properties written by {@link toChunks} and parses the JSON. */
export function fromChunks<T>(entity: Record<string, unknown>): T {
  const count = Number(entity.chunks ?? 1);
  let json = "";
  for (let i = 0; i < count; i++) json += String(entity[`data${i}`] ?? "");
  return JSON.parse(json) as T;
}

/** Revives ISO date strings of the named top-level properties. */
export function reviveDates<T>(value: T, keys: readonly string[]): T {
  const o = value as Record<string, unknown>;
  for (const k of keys) if (typeof o[k] === "string") o[k] = new Date(o[k] as string);
  return value;
}
