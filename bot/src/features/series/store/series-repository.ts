import type { TableClient } from "@azure/data-tables";
import { SeriesConflictError } from "../domain/errors";
import type { RememberedRequest, SeriesStore } from "../domain/ports";
import type { SeriesSummary } from "../domain/summary";
import type { Series, SeriesDialogue, SeriesRecord, Subscriber } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";
import { fromChunks, reviveDates, toChunks } from "../../../platform/tables/chunked-json";

/**
 * Table `Series`:
 * - PK `series`, RK seriesId: the series (JSON in chunks) with `tenantId` and `version`;
 * - PK seriesId, RK `dlg-<id>`: a dialogue registered under it;
 * - PK seriesId, RK `rec-<dialogueId>-<nn>`: records of a dialogue (nn = 01…50);
 * - PK seriesId, RK `summary`: the compiled summary;
 * - PK seriesId, RK `sub-<aadId>`: a summary subscriber;
 * - PK seriesId, RK `req-<kind>-<requestId>`: a coordinator's request remembered by its id.
 * One partition per series keeps the dashboard and the summary a single partition query.
 */
const SERIES_PK = "series";
const DLG = "dlg-";
const REC = "rec-";
const SUB = "sub-";
const SUMMARY = "summary";
const REQ = "req-";

type Entity = Record<string, unknown> & { partitionKey: string; rowKey: string; etag?: string };

const recordKey = (dialogueId: string, no: number) => `${REC}${dialogueId}-${String(no).padStart(2, "0")}`;
const q = (s: string) => s.replace(/'/g, "''");

const reviveSeries = (e: Entity) =>
  reviveDates(fromChunks<Series>(e), ["createdAt", "updatedAt", "announcedAt"]);
const reviveDialogue = (e: Entity) =>
  reviveDates(fromChunks<SeriesDialogue>(e), ["registeredAt", "remindedAt"]);
const reviveRecord = (e: Entity) => reviveDates(fromChunks<SeriesRecord>(e), ["submittedAt", "updatedAt"]);
const reviveSummary = (e: Entity) => reviveDates(fromChunks<SeriesSummary>(e), ["compiledAt", "publishedAt"]);

/** Creates the {@link SeriesStore} over the `Series` table. */
export function createSeriesRepository(table: TableClient): SeriesStore {
  async function read(pk: string, rk: string): Promise<Entity | undefined> {
    try {
      return await table.getEntity<Entity>(pk, rk);
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async function create(
    pk: string,
    rk: string,
    value: object & { version?: number },
    extra: Record<string, unknown> = {},
  ) {
    try {
      await table.createEntity({
        partitionKey: pk,
        rowKey: rk,
        version: value.version ?? 1,
        ...extra,
        ...toChunks(value),
      });
    } catch (err) {
      if (statusOf(err) === 409) throw new SeriesConflictError("exists");
      throw err;
    }
  }

  /** Replaces when the stored `version` still equals `expected`, with the read ETag as the guard. */
  async function replace(
    pk: string,
    rk: string,
    value: object & { version: number },
    expected: number,
    extra: Record<string, unknown> = {},
  ) {
    const current = await read(pk, rk);
    if (!current || current.version !== expected) throw new SeriesConflictError("changed");
    try {
      await table.updateEntity(
        { partitionKey: pk, rowKey: rk, version: value.version, ...extra, ...toChunks(value) },
        "Replace",
        { etag: current.etag },
      );
    } catch (err) {
      if (statusOf(err) === 412) throw new SeriesConflictError("changed");
      throw err;
    }
  }

  return {
    createSeries: (s) => create(SERIES_PK, s.id, s, { tenantId: s.tenantId }),
    async getSeries(id) {
      const e = await read(SERIES_PK, encodeKey(id));
      return e && reviveSeries(e);
    },
    updateSeries: (s, expected) => replace(SERIES_PK, s.id, s, expected, { tenantId: s.tenantId }),
    async listSeries(tenantId) {
      const out: Series[] = [];
      const filter = `PartitionKey eq '${SERIES_PK}' and tenantId eq '${q(tenantId)}'`;
      for await (const e of table.listEntities<Entity>({ queryOptions: { filter } }))
        out.push(reviveSeries(e));
      return out;
    },

    createDialogue: (d) => create(d.seriesId, DLG + d.id, d),
    async getDialogue(seriesId, id) {
      const e = await read(encodeKey(seriesId), DLG + encodeKey(id));
      return e && reviveDialogue(e);
    },
    updateDialogue: (d, expected) => replace(d.seriesId, DLG + d.id, d, expected),

    async getRecord(seriesId, dialogueId, no) {
      const e = await read(encodeKey(seriesId), recordKey(encodeKey(dialogueId), no));
      return e && reviveRecord(e);
    },
    createRecord: (r) =>
      create(r.seriesId, recordKey(r.seriesDialogueId, r.recordNo), r, { ownerId: r.ownerId }),
    updateRecord: (r, expected) =>
      replace(r.seriesId, recordKey(r.seriesDialogueId, r.recordNo), r, expected, { ownerId: r.ownerId }),

    async loadContent(seriesId) {
      const dialogues: SeriesDialogue[] = [];
      const records: SeriesRecord[] = [];
      const filter = `PartitionKey eq '${q(encodeKey(seriesId))}' and RowKey ge '${DLG}' and RowKey lt 'rec.'`;
      for await (const e of table.listEntities<Entity>({ queryOptions: { filter } })) {
        if (e.rowKey.startsWith(DLG)) dialogues.push(reviveDialogue(e));
        else if (e.rowKey.startsWith(REC)) records.push(reviveRecord(e));
      }
      return { dialogues, records };
    },

    async saveSummary(summary) {
      await table.upsertEntity(
        { partitionKey: summary.seriesId, rowKey: SUMMARY, version: summary.version, ...toChunks(summary) },
        "Replace",
      );
    },
    async getSummary(seriesId) {
      const e = await read(encodeKey(seriesId), SUMMARY);
      return e && reviveSummary(e);
    },

    async getRequest(seriesId, kind, requestId) {
      const e = await read(encodeKey(seriesId), encodeKey(`${REQ}${kind}-${requestId}`));
      if (!e) return undefined;
      return fromChunks<RememberedRequest>(e);
    },
    async rememberRequest(seriesId, requestId, request) {
      await table
        .createEntity({
          partitionKey: encodeKey(seriesId),
          rowKey: encodeKey(`${REQ}${request.kind}-${requestId}`),
          // In chunks: an announcement to every contact of a large network outgrows one property.
          ...toChunks(request),
        })
        .catch((err: unknown) => {
          // Two copies of one request at once: the first one's row stays.
          if (statusOf(err) !== 409) throw err;
        });
    },

    async saveSubscriber(s) {
      await table.upsertEntity(
        { partitionKey: s.seriesId, rowKey: SUB + encodeKey(s.aadId), ...toChunks(s) },
        "Replace",
      );
    },
    async listSubscribers(seriesId) {
      const out: Subscriber[] = [];
      const filter = `PartitionKey eq '${q(encodeKey(seriesId))}' and RowKey ge '${SUB}' and RowKey lt 'sub.'`;
      for await (const e of table.listEntities<Entity>({ queryOptions: { filter } }))
        out.push(reviveDates(fromChunks<Subscriber>(e), ["subscribedAt"]));
      return out;
    },
  };
}
