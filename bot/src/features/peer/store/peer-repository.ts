import type { TableClient } from "@azure/data-tables";
import type { PeerStore } from "../domain/ports";
import type { DraftEntry, PeerDialogue } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/** The table this feature creates at start-up. */
export const PEER_TABLE = "Peer";

/**
 * Table `Peer`:
 * - PK = `t-<tenant>`, RK = `d-<dialogueId>`: the peer dialogue as JSON (the tenant's calendar is one partition);
 * - PK = `t-<tenant>`, RK = `remind-<orgId>`: when the organisation's listing reminder was last sent;
 * - PK = dialogueId, RK = `draft-<orgId>`: one draft entry per organisation, ETag-guarded.
 */
const tenantPk = (tenantId: string) => `t-${encodeKey(tenantId)}`;
const dialogueRk = (dialogueId: string) => `d-${encodeKey(dialogueId)}`;
const draftRk = (orgId: string) => `draft-${encodeKey(orgId)}`;
const remindRk = (orgId: string) => `remind-${encodeKey(orgId)}`;

interface JsonEntity {
  partitionKey: string;
  rowKey: string;
  data: string;
  etag?: string;
}

async function getRow(table: TableClient, pk: string, rk: string): Promise<JsonEntity | undefined> {
  try {
    return await table.getEntity<JsonEntity>(pk, rk);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

async function listRows(table: TableClient, pk: string, prefix: string): Promise<JsonEntity[]> {
  const out: JsonEntity[] = [];
  const esc = (s: string) => s.replace(/'/g, "''");
  // RowKeys of one kind share a prefix ending in "-"; "." is the next character after it.
  const filter = `PartitionKey eq '${esc(pk)}' and RowKey ge '${esc(prefix)}' and RowKey lt '${esc(prefix.slice(0, -1))}.'`;
  for await (const e of table.listEntities<JsonEntity>({ queryOptions: { filter } })) out.push(e);
  return out;
}

const draftOf = (e: JsonEntity): DraftEntry => ({ ...(JSON.parse(e.data) as DraftEntry), etag: e.etag });
const draftData = (d: DraftEntry) => {
  const { etag: _etag, ...rest } = d;
  return JSON.stringify(rest);
};

/** Creates the {@link PeerStore} over the `Peer` table. */
export function createPeerRepository(table: TableClient): PeerStore {
  return {
    async put(peer) {
      await table.upsertEntity(
        {
          partitionKey: tenantPk(peer.tenantId),
          rowKey: dialogueRk(peer.dialogueId),
          data: JSON.stringify(peer),
        },
        "Replace",
      );
    },
    async get(tenantId, dialogueId) {
      const row = await getRow(table, tenantPk(tenantId), dialogueRk(dialogueId));
      return row ? (JSON.parse(row.data) as PeerDialogue) : undefined;
    },
    async list(tenantId) {
      const rows = await listRows(table, tenantPk(tenantId), "d-");
      return rows.map((r) => JSON.parse(r.data) as PeerDialogue);
    },
    async createDrafts(drafts) {
      const created: DraftEntry[] = [];
      for (const d of drafts) {
        try {
          const res = await table.createEntity({
            partitionKey: d.dialogueId,
            rowKey: draftRk(d.orgId),
            data: draftData(d),
          });
          created.push({ ...d, etag: res.etag });
        } catch (err) {
          if (statusOf(err) !== 409) throw err;
        }
      }
      return created;
    },
    async getDraft(dialogueId, orgId) {
      const row = await getRow(table, dialogueId, draftRk(orgId));
      return row ? draftOf(row) : undefined;
    },
    async listDrafts(dialogueId) {
      return (await listRows(table, dialogueId, "draft-")).map(draftOf);
    },
    async replaceDraft(draft, etag) {
      try {
        await table.updateEntity(
          { partitionKey: draft.dialogueId, rowKey: draftRk(draft.orgId), data: draftData(draft) },
          "Replace",
          { etag },
        );
        return true;
      } catch (err) {
        if (statusOf(err) === 412) return false;
        throw err;
      }
    },
    async lastReminded(tenantId, orgId) {
      const row = await getRow(table, tenantPk(tenantId), remindRk(orgId));
      return row ? String(row.data) : undefined;
    },
    async markReminded(tenantId, orgId, at) {
      await table.upsertEntity(
        { partitionKey: tenantPk(tenantId), rowKey: remindRk(orgId), data: at },
        "Replace",
      );
    },
  };
}
