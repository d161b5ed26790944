/**
 * Row keys of the `Groups` and `Notes` tables (PartitionKey = dialogueId in both). Numbers are
 * zero-padded so a prefix range query lists a round's groups in order.
 */

/** RowKey of the run-state row in `Groups`. */
export const STATE_ROW = "state";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** `r01-` — prefix of every row of one round. */
export const roundPrefix = (round: number) => `r${pad(round, 2)}-`;

/** `r01-g0003`: one group of one round. */
export const groupRowKey = (round: number, group: number) => `${roundPrefix(round)}g${pad(group, 4)}`;

/** `r01-g0003-<noteId>`: one note of one group. */
export const noteRowKey = (round: number, group: number, noteId: string) =>
  `${groupRowKey(round, group)}-${noteId}`;

/** OData filter for RowKeys starting with `prefix` (within one partition). */
export function prefixFilter(partitionKey: string, prefix: string): string {
  const q = (s: string) => s.replace(/'/g, "''");
  // "~" sorts after every character we use in keys, so [prefix, prefix~) is the prefix range.
  return `PartitionKey eq '${q(partitionKey)}' and RowKey ge '${q(prefix)}' and RowKey lt '${q(prefix)}~'`;
}
