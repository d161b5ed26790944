import type { TableClient } from "@azure/data-tables";
import { RoundError } from "../services/errors";
import type { StoredNote } from "../services/types";
import { statusOf } from "../../../platform/tables/errors";
import { noteRowKey, prefixFilter } from "./round-keys";

/** Splits and joins long text over several string properties (from the notes domain). */
export interface TextChunker {
  chunk(text: string): string[];
  join(chunks: readonly string[]): string;
}

/** Who a write gate opens a round's notes for. */
export type NoteWriters = "scribes" | "members";

/** RowKey of the gate row that keeps a round's notes open for scribes (or also for other members). */
const gateKey = (round: number, writers: NoteWriters) =>
  `open-r${String(round).padStart(2, "0")}${writers === "members" ? "-m" : ""}`;

/**
 * Table `Notes` (PK = dialogueId):
 * - RK `r{round}-g{n}-{noteId}`: one note — where it belongs and what it says, nothing about who
 *   wrote it. Text and insights longer than a string property are chunked (`text0…`).
 * - RK `open-r{round}` / `open-r{round}-m`: gates that exist while the round's notes are open for
 *   scribes / for all members.
 * A save is one upsert keyed by the note id minted into the card, so a retried submit replaces
 * the same row. Whether the gate is open is read from the table and remembered for
 * `gateTtlMs` per instance (this instance's own closes take effect at once). Measured: a
 * transaction that also touched the gate row cost Azurite twice the work of a plain upsert and
 * halved note throughput; the price is that a note may still land up to `gateTtlMs` after
 * another instance closed the round — harmless, as it belongs to that round anyway.
 */
export function createNoteRepository(
  table: TableClient,
  chunker: TextChunker,
  options: { gateTtlMs?: number; now?: () => number } = {},
) {
  const gateTtlMs = options.gateTtlMs ?? 2000;
  const now = options.now ?? Date.now;
  /** gate row key → until when "open" is trusted without reading again. */
  const openUntil = new Map<string, number>();
  const gateCacheKey = (dialogueId: string, round: number, writers: NoteWriters) =>
    `${dialogueId}|${gateKey(round, writers)}`;
  const isGateOpen = async (dialogueId: string, round: number, writers: NoteWriters): Promise<boolean> => {
    const key = gateCacheKey(dialogueId, round, writers);
    if ((openUntil.get(key) ?? 0) > now()) return true;
    try {
      await table.getEntity(dialogueId, gateKey(round, writers), {
        queryOptions: { select: ["PartitionKey"] },
      });
    } catch (err) {
      if (statusOf(err) === 404) return false;
      throw err;
    }
    if (openUntil.size > 10_000) openUntil.clear();
    openUntil.set(key, now() + gateTtlMs);
    return true;
  };
  const spread = (entity: Record<string, unknown>, name: string, value: string) => {
    const chunks = chunker.chunk(value);
    entity[`${name}Chunks`] = chunks.length;
    chunks.forEach((c, i) => (entity[`${name}${i}`] = c));
  };
  const gather = (e: Record<string, unknown>, name: string) => {
    const count = Number(e[`${name}Chunks`] ?? 0);
    return chunker.join(Array.from({ length: count }, (_, i) => String(e[`${name}${i}`] ?? "")));
  };
  const fromEntity = (e: Record<string, unknown>): StoredNote => ({
    dialogueId: String(e.partitionKey),
    round: Number(e.round),
    group: Number(e.group),
    noteId: String(e.noteId),
    text: gather(e, "text"),
    themes: JSON.parse(String(e.themes ?? "[]")) as string[],
    insights: gather(e, "insights"),
    savedAt: new Date(e.savedAt as string),
  });

  return {
    /** Opens a round's notes for scribes or all members (idempotent). */
    async openGate(dialogueId: string, round: number, writers: NoteWriters): Promise<void> {
      await table.upsertEntity({ partitionKey: dialogueId, rowKey: gateKey(round, writers) }, "Replace");
    },

    /** Closes a gate (idempotent). */
    async closeGate(dialogueId: string, round: number, writers: NoteWriters): Promise<void> {
      openUntil.delete(gateCacheKey(dialogueId, round, writers));
      await table.deleteEntity(dialogueId, gateKey(round, writers)).catch((err: unknown) => {
        if (statusOf(err) !== 404) throw err;
      });
    },

    /**
     * Inserts or replaces one note (idempotent per note id) if the round's gate for `writers` is
     * open; otherwise throws {@link RoundError} "roundClosed" and nothing is stored.
     */
    async save(note: StoredNote, writers: NoteWriters): Promise<void> {
      const entity: { partitionKey: string; rowKey: string; [p: string]: unknown } = {
        partitionKey: note.dialogueId,
        rowKey: noteRowKey(note.round, note.group, note.noteId),
        round: note.round,
        group: note.group,
        noteId: note.noteId,
        themes: JSON.stringify(note.themes),
        savedAt: note.savedAt,
      };
      spread(entity, "text", note.text);
      spread(entity, "insights", note.insights);
      if (!(await isGateOpen(note.dialogueId, note.round, writers))) throw new RoundError("roundClosed");
      await table.upsertEntity(entity, "Replace");
    },

    /** Every note of a dialogue, in round and group order. */
    async list(dialogueId: string): Promise<StoredNote[]> {
      const out: StoredNote[] = [];
      const filter = prefixFilter(dialogueId, "r");
      for await (const e of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
        out.push(fromEntity(e));
      }
      return out;
    },
  };
}

/** The repository type. */
export type NoteRepository = ReturnType<typeof createNoteRepository>;
