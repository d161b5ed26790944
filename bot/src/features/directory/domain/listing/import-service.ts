import { LISTING_ENTRY_FIELDS } from "@dialogi/contracts";
import type { BatchWrite, DirectoryStores, NewEntry, NewOrganisation } from "../ports";
import type { Actor, AuditRecord, Entry } from "../types";
import { listingToDirectory, type ImportedEntry, type ImportedOrganisation } from "./listing-to-directory";
import type { ListingProblem } from "./listing-parser";
import { listingSourceId } from "./listing-source";

/** Options of {@link importListing}. */
export interface ImportOptions {
  actor: Actor;
  /** Replace rows that differ from the file (otherwise they are kept and reported). */
  overwrite?: boolean;
  /** Plan and report only. */
  dryRun?: boolean;
  now?: () => Date;
}

/** Counts per kind of row. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  /** Differ from the file (edited in the app since) and were left as they are. */
  kept: number;
}

/** What an import did (or, with problems or dryRun, would do). */
export interface ImportReport {
  organisations: ImportCounts;
  entries: ImportCounts;
  /** Ids of organisations the import creates (check them in a dry run: unknown headings get slugs). */
  newOrganisations: string[];
  /** Stored entries the file no longer lists (never deleted by an import). */
  notInFile: number;
  skipped: { line: number; text: string }[];
  problems: ListingProblem[];
  /** Rows created or updated. Zero on an idempotent re-run. */
  changes: number;
  written: boolean;
}

const ORG_FIELDS = ["shortName", "names", "type", "contact", "listingMissing"] as const;
const ENTRY_FIELDS = LISTING_ENTRY_FIELDS;

/** Stable JSON of the named fields (absent and undefined are the same). */
function fingerprint(value: object, keys: readonly string[]): string {
  const v = value as Record<string, unknown>;
  return JSON.stringify(keys.map((k) => (v[k] === undefined ? null : v[k])));
}

const counts = (): ImportCounts => ({ created: 0, updated: 0, unchanged: 0, kept: 0 });

/**
 * Imports a listing file into a tenant's directory. Everything is parsed and validated first;
 * with any problem nothing is written. Rows are matched by stable id, so a re-run changes
 * nothing. Writes are one transaction per partition (organisations; each organisation's
 * entries), organisations first because entries refer to them.
 */
export async function importListing(
  stores: DirectoryStores,
  tenantId: string,
  source: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const parsed = listingToDirectory(source);
  const report: ImportReport = {
    organisations: counts(),
    entries: counts(),
    newOrganisations: [],
    notInFile: 0,
    skipped: parsed.skipped,
    problems: parsed.problems,
    changes: 0,
    written: false,
  };
  if (parsed.problems.length > 0) return report;

  const now = (options.now ?? (() => new Date()))().toISOString();
  // Provenance: entries say when the listing was made (its own date), not when it was installed.
  const sourceId = listingSourceId(parsed.source);
  const provenance = { ...(parsed.source.date ? { listedAt: parsed.source.date } : {}), sourceId };
  const lacksProvenance = (e: { listedAt?: string; sourceId?: string }) =>
    e.sourceId !== sourceId || e.listedAt !== provenance.listedAt;
  const [orgs, entries] = await Promise.all([
    stores.organisations.list(tenantId),
    stores.entries.list(tenantId),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const entryByKey = new Map(entries.map((e) => [`${e.orgId}/${e.id}`, e]));
  const audit = new Map<string, AuditRecord[]>();
  const note = (
    orgId: string,
    entity: "entry" | "organisation",
    id: string,
    before?: unknown,
    after?: unknown,
  ) => {
    const list = audit.get(orgId) ?? [];
    list.push({ orgId, at: now, by: options.actor, action: "import", entity, entityId: id, before, after });
    audit.set(orgId, list);
  };

  const orgWrites: BatchWrite<NewOrganisation>[] = [];
  for (const imp of parsed.organisations) planOrganisation(imp);
  const entryWrites = new Map<string, BatchWrite<NewEntry>[]>();
  for (const imp of parsed.entries) planEntry(imp);
  const fileKeys = new Set(parsed.entries.map((e) => `${e.orgId}/${e.id}`));
  report.notInFile = entries.filter((e) => !fileKeys.has(`${e.orgId}/${e.id}`)).length;
  report.changes =
    report.organisations.created +
    report.organisations.updated +
    report.entries.created +
    report.entries.updated;
  if (options.dryRun || report.changes === 0) return report;

  await stores.organisations.putSource(tenantId, { ...parsed.source, id: sourceId, importedAt: now });
  if (orgWrites.length > 0) await stores.organisations.writeBatch(tenantId, orgWrites);
  for (const [orgId, writes] of entryWrites) {
    if (writes.length > 0) await stores.entries.writeBatch(tenantId, orgId, writes);
  }
  const records = [...audit.values()].flat();
  if (records.length > 0) await stores.audit.append(tenantId, records);
  report.written = true;
  return report;

  function planOrganisation(imp: ImportedOrganisation) {
    const current = orgById.get(imp.id);
    if (!current) {
      const value: NewOrganisation = {
        ...imp.fields,
        id: imp.id,
        sourceId,
        createdAt: now,
        updatedAt: now,
        updatedBy: options.actor.name,
      };
      orgWrites.push({ kind: "create", value });
      note(imp.id, "organisation", imp.id, undefined, value);
      report.organisations.created++;
      report.newOrganisations.push(imp.id);
    } else if (fingerprint(current, ORG_FIELDS) === fingerprint(imp.fields, ORG_FIELDS)) {
      if (current.sourceId === sourceId) report.organisations.unchanged++;
      else {
        // Same content from an install before provenance was kept: add the source, not an edit.
        const { etag, ...rest } = current;
        orgWrites.push({ kind: "replace", value: { ...rest, sourceId }, etag });
        report.organisations.updated++;
      }
    } else if (options.overwrite) {
      const { etag, ...rest } = current;
      const value: NewOrganisation = {
        ...rest,
        ...imp.fields,
        sourceId,
        requiresReview: current.requiresReview,
        updatedAt: now,
        updatedBy: options.actor.name,
      };
      orgWrites.push({ kind: "replace", value, etag });
      note(imp.id, "organisation", imp.id, rest, value);
      report.organisations.updated++;
    } else report.organisations.kept++;
  }

  /** An imported entry as stored: its fields and place, with the import's provenance and stamp. */
  function importedEntry(imp: ImportedEntry, status: NewEntry["status"], createdAt: string): NewEntry {
    return {
      ...imp.fields,
      id: imp.id,
      orgId: imp.orgId,
      order: imp.order,
      status,
      ...provenance,
      createdAt,
      updatedAt: now,
      updatedBy: options.actor.name,
    };
  }

  function planEntry(imp: ImportedEntry) {
    const current: Entry | undefined = entryByKey.get(`${imp.orgId}/${imp.id}`);
    const writes = entryWrites.get(imp.orgId) ?? [];
    entryWrites.set(imp.orgId, writes);
    if (!current) {
      const value = importedEntry(imp, "published", now);
      writes.push({ kind: "create", value });
      note(imp.orgId, "entry", imp.id, undefined, value);
      report.entries.created++;
    } else if (fingerprint(current, ENTRY_FIELDS) === fingerprint(imp.fields, ENTRY_FIELDS)) {
      if (!lacksProvenance(current)) report.entries.unchanged++;
      else {
        const { etag, ...rest } = current;
        writes.push({ kind: "replace", value: { ...rest, ...provenance }, etag });
        report.entries.updated++;
      }
    } else if (options.overwrite) {
      const { etag, ...rest } = current;
      const value = importedEntry(imp, current.status, current.createdAt);
      writes.push({ kind: "replace", value, etag });
      note(imp.orgId, "entry", imp.id, rest, value);
      report.entries.updated++;
    } else report.entries.kept++;
  }
}
