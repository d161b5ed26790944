import type { TableClient } from "@azure/data-tables";
import { ConcurrencyError } from "../domain/errors";
import type { DialogueStore } from "../domain/ports";
import type { Dialogue, DialogueAuditRecord, Posting } from "../domain/types";
import { createHash, randomBytes } from "node:crypto";
import { statusOf } from "../../../platform/tables/errors";
import { encodeKey } from "../../../platform/tables/keys";

/**
 * Table `Dialogues`:
 * - PK = dialogueId, RK = `meta`: the dialogue as JSON (`data`) plus its `version`;
 * - PK = dialogueId, RK = `post-<conversation>-<activity>`: where its invitation card was posted;
 * - PK = dialogueId, RK = `once-<key>`: one-time markers (a message to all already sent);
 * - PK = dialogueId, RK = `audit-<inverted time>-<random>`: who did what (newest first);
 * - PK = `by-<tenant>-<organiser>`, RK = dialogueId: index for "my dialogues".
 */
const AUDIT_PREFIX = "audit-";
const MAX_MS = 9_999_999_999_999;
const META = "meta";
const POST_PREFIX = "post-";

interface MetaEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  version: number;
  data: string;
}

interface PostingEntity {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  activityId: string;
  lang: Posting["lang"];
}

/** Partition of the index rows of a pending e-mail (hashed: an address never becomes a table key). */
export const pendingIndexPartition = (tenantId: string, email: string) =>
  indexPartition(tenantId, `mail-${createHash("sha256").update(email).digest("hex").slice(0, 32)}`);

/**
 * Keeps the index rows of pending e-mails in step: a new address gets one (found again in "my
 * dialogues"), an address claimed or removed loses it.
 */
async function indexPending(table: TableClient, d: Dialogue, before: Dialogue | undefined) {
  const old = new Set((before?.pendingStaff ?? []).map((p) => p.email));
  const now = new Set((d.pendingStaff ?? []).map((p) => p.email));
  for (const email of [...now].filter((e) => !old.has(e)))
    await table.upsertEntity(
      { partitionKey: pendingIndexPartition(d.tenantId, email), rowKey: d.id },
      "Replace",
    );
  for (const email of [...old].filter((e) => !now.has(e)))
    await table.deleteEntity(pendingIndexPartition(d.tenantId, email), d.id).catch((err: unknown) => {
      if (statusOf(err) !== 404) throw err;
    });
}

/** Partition of the "my dialogues" index rows of one organiser. */
export const indexPartition = (tenantId: string, userId: string) =>
  `by-${encodeKey(tenantId)}-${encodeKey(userId)}`;

function toEntity(d: Dialogue): MetaEntity {
  return {
    partitionKey: d.id,
    rowKey: META,
    tenantId: d.tenantId,
    version: d.version,
    data: JSON.stringify(d),
  };
}

function fromEntity(e: { data?: unknown }): Dialogue {
  const raw = JSON.parse(String(e.data)) as Dialogue & Record<string, unknown>;
  const date = (v: unknown) => new Date(String(v));
  return {
    ...raw,
    start: date(raw.start),
    end: date(raw.end),
    deadline: date(raw.deadline),
    createdAt: date(raw.createdAt),
    updatedAt: date(raw.updatedAt),
    ...(raw.endedAt ? { endedAt: date(raw.endedAt) } : {}),
  };
}

async function getMeta(table: TableClient, id: string) {
  try {
    return await table.getEntity<MetaEntity>(id, META);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/** Creates the {@link DialogueStore} over the `Dialogues` table. */
export function createDialogueRepository(table: TableClient): DialogueStore {
  /** The dialogues an index partition points to (its newest 200), read as meta rows. */
  const indexedDialogues = async (partition: string) => {
    const ids: string[] = [];
    const filter = `PartitionKey eq '${partition.replace(/'/g, "''")}'`;
    for await (const e of table.listEntities({ queryOptions: { filter, select: ["RowKey"] } })) {
      ids.push(String(e.rowKey));
    }
    const found = await Promise.all(ids.slice(-200).map((id) => getMeta(table, id)));
    return found.filter((e): e is NonNullable<typeof e> => !!e).map(fromEntity);
  };

  return {
    async create(dialogue) {
      // Index first: a crash between the two writes leaves an index row that lists nothing.
      for (const organiser of dialogue.organiserIds) {
        await table.upsertEntity(
          { partitionKey: indexPartition(dialogue.tenantId, organiser), rowKey: dialogue.id },
          "Replace",
        );
      }
      try {
        await table.createEntity(toEntity(dialogue));
        return { created: true, dialogue };
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        const existing = await getMeta(table, dialogue.id);
        if (!existing) throw err;
        return { created: false, dialogue: fromEntity(existing) };
      }
    },

    async get(id) {
      const e = await getMeta(table, id);
      return e ? fromEntity(e) : undefined;
    },

    async update(dialogue, expectedVersion) {
      const current = await getMeta(table, dialogue.id);
      if (current) {
        // Co-organisers added since: their "my dialogues" index rows (stale rows list nothing).
        const before = fromEntity(current).organiserIds;
        for (const organiser of dialogue.organiserIds.filter((o) => !before.includes(o))) {
          await table.upsertEntity(
            { partitionKey: indexPartition(dialogue.tenantId, organiser), rowKey: dialogue.id },
            "Replace",
          );
        }
        // People added by e-mail: found again by their address in "my dialogues".
        await indexPending(table, dialogue, fromEntity(current));
      }
      if (!current || current.version !== expectedVersion) throw new ConcurrencyError("dialogue changed");
      try {
        await table.updateEntity(toEntity(dialogue), "Replace", { etag: current.etag });
      } catch (err) {
        if (statusOf(err) === 412) throw new ConcurrencyError("dialogue changed");
        throw err;
      }
    },

    async listByPendingEmail(tenantId, email) {
      return (await indexedDialogues(pendingIndexPartition(tenantId, email))).filter(
        (d) => d.tenantId === tenantId && (d.pendingStaff ?? []).some((p) => p.email === email),
      );
    },

    async listByOrganiser(tenantId, userId) {
      return (await indexedDialogues(indexPartition(tenantId, userId)))
        .filter((d) => d.tenantId === tenantId && d.organiserIds.includes(userId))
        .sort((a, b) => b.start.getTime() - a.start.getTime());
    },

    async addPosting(dialogueId, posting) {
      const entity: PostingEntity = {
        partitionKey: dialogueId,
        rowKey: `${POST_PREFIX}${encodeKey(posting.conversationId)}-${encodeKey(posting.activityId)}`,
        ...posting,
      };
      await table.upsertEntity(entity, "Replace");
    },

    async listPostings(dialogueId) {
      const out: Posting[] = [];
      const pk = dialogueId.replace(/'/g, "''");
      const filter = `PartitionKey eq '${pk}' and RowKey ge '${POST_PREFIX}' and RowKey lt 'post.'`;
      for await (const e of table.listEntities<PostingEntity>({ queryOptions: { filter } })) {
        out.push({ conversationId: e.conversationId, activityId: e.activityId, lang: e.lang ?? "fi" });
      }
      return out;
    },

    async setMeetingUrl(dialogueId, url) {
      // The job writing this races organisers' edits: retry on a lost ETag race.
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await getMeta(table, dialogueId);
        if (!current) return;
        const d = fromEntity(current);
        if (d.meetingUrl === url) return;
        try {
          await table.updateEntity(toEntity({ ...d, meetingUrl: url }), "Replace", { etag: current.etag });
          return;
        } catch (err) {
          if (statusOf(err) !== 412) throw err;
        }
      }
      throw new ConcurrencyError("dialogue changed");
    },

    async appendAudit(dialogueId, record) {
      const inverted = String(MAX_MS - record.at.getTime()).padStart(13, "0");
      await table.createEntity({
        partitionKey: dialogueId,
        rowKey: `${AUDIT_PREFIX}${inverted}-${randomBytes(4).toString("hex")}`,
        at: record.at.toISOString(),
        byId: record.byId,
        action: record.action,
        ...(record.target ? { target: record.target } : {}),
        ...(record.reason ? { reason: record.reason } : {}),
      });
    },

    async listAudit(dialogueId) {
      const out: DialogueAuditRecord[] = [];
      const pk = dialogueId.replace(/'/g, "''");
      const filter = `PartitionKey eq '${pk}' and RowKey ge '${AUDIT_PREFIX}' and RowKey lt 'audit.'`;
      for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push({
          at: new Date(String(e.at)),
          byId: String(e.byId),
          action: String(e.action),
          ...(e.target ? { target: String(e.target) } : {}),
          ...(e.reason ? { reason: String(e.reason) } : {}),
        });
      }
      return out;
    },

    async claimOnce(dialogueId, key) {
      try {
        await table.createEntity({ partitionKey: dialogueId, rowKey: `once-${encodeKey(key)}` });
        return true;
      } catch (err) {
        if (statusOf(err) === 409) return false;
        throw err;
      }
    },
  };
}
