import { canEditOrg } from "./roles";
import type { Entry, EntryFields, Principal } from "./types";

import { ENTRY_FIELD_NAMES } from "@dialogi/contracts";

/** The author-edited fields, in the order the editor shows them (one list, in contracts). */
export { ENTRY_FIELD_NAMES };

/** One field an edit changes. */
export interface FieldChange {
  field: keyof EntryFields;
  before: unknown;
  after: unknown;
}

/** The author-edited fields of an entry (its published version). */
export function entryFieldsOf(e: EntryFields): EntryFields {
  const out: Record<string, unknown> = {};
  for (const f of ENTRY_FIELD_NAMES) if (e[f] !== undefined) out[f] = e[f];
  return out as unknown as EntryFields;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between two versions (empty and absent count as the same). */
export function fieldChanges(before: EntryFields, after: EntryFields): FieldChange[] {
  const empty = (v: unknown) => v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
  return ENTRY_FIELD_NAMES.filter(
    (f) => !(empty(before[f]) && empty(after[f])) && !same(before[f], after[f]),
  ).map((f) => ({ field: f, before: before[f], after: after[f] }));
}

/** The entry with its author-edited fields replaced by `fields` (absent ones removed). */
export function withFields<T extends EntryFields>(entry: T, fields: EntryFields): T {
  const rest = { ...entry } as Record<string, unknown>;
  for (const f of ENTRY_FIELD_NAMES) delete rest[f];
  return { ...rest, ...entryFieldsOf(fields) } as T;
}

/** An entry as this caller may see it: a pending edit is only for the organisation's editors. */
export function entryFor(p: Principal, e: Entry): Entry {
  if (!e.draft || canEditOrg(p, e.orgId)) return e;
  const { draft: _draft, ...published } = e;
  return published;
}

/** Waits for review: a new entry not yet published, or a published entry with a pending edit. */
export function awaitsReview(e: Entry): boolean {
  return e.status === "pending" || e.draft?.status === "pending";
}
