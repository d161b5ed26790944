import type { TableClient, TransactionAction } from "@azure/data-tables";
import { ConcurrencyError } from "../domain/errors";
import type { RegistrationStore } from "../domain/ports";
import type { Registration, RegistrationCounts } from "../domain/types";
import { statusOf } from "../../../platform/tables/errors";
import { decodeKey, encodeKey } from "../../../platform/tables/keys";
import { createKeyedMutex } from "../../../platform/tables/keyed-mutex";
import { backoffMs } from "../../../platform/backoff";
import { CONFLICT_BACKOFF, isConflict, sleep } from "../../../platform/tables/retry";

/**
 * Table `Registrations`: PK = dialogueId, RK = encoded AAD object id, plus one counter row
 * (RK `~counts`, which no encoded id can equal) per dialogue. Every seat change writes the
 * person's row and the counter in one `submitTransaction` conditioned on the counter's ETag,
 * so concurrent registrations serialise on the counter and the dialogue is never overbooked.
 */
const COUNTER = "~counts";
/** Enough for hundreds of simultaneous registrations to one dialogue (each round one wins). */
const MAX_ATTEMPTS = 200;

interface CounterEntity {
  partitionKey: string;
  rowKey: string;
  confirmed: number;
  waitlisted: number;
  /** Next arrival number (waitlist order). */
  seq: number;
  etag?: string;
}

type RowEntity = Omit<Registration, "dialogueId" | "userId" | "reminded" | "registeredAt"> & {
  partitionKey: string;
  rowKey: string;
  registeredAt: Date;
  reminded: string;
  etag?: string;
};

function toRow(r: Registration): RowEntity {
  const { dialogueId, userId, reminded, ...rest } = r;
  const row: RowEntity = {
    ...rest,
    partitionKey: dialogueId,
    rowKey: encodeKey(userId),
    reminded: reminded.join(","),
  };
  // Table entities cannot hold undefined; drop optional fields that are absent.
  if (row.teamsId === undefined) delete row.teamsId;
  if (row.attendance === undefined) delete row.attendance;
  if (row.groundRulesVersion === undefined) delete row.groundRulesVersion;
  return row;
}

function fromRow(e: RowEntity): Registration {
  return {
    dialogueId: e.partitionKey,
    userId: decodeKey(e.rowKey),
    teamsId: e.teamsId,
    name: e.name,
    uiLang: e.uiLang,
    language: e.language,
    organisation: e.organisation,
    background: e.background,
    accessibility: e.accessibility,
    scribe: e.scribe === true,
    ...(e.attendance ? { attendance: e.attendance } : {}),
    ...(e.groundRulesVersion ? { groundRulesVersion: e.groundRulesVersion } : {}),
    status: e.status,
    seq: Number(e.seq),
    registeredAt: new Date(e.registeredAt),
    reminded: e.reminded ? String(e.reminded).split(",") : [],
  };
}

async function read<T extends object>(table: TableClient, pk: string, rk: string): Promise<T | undefined> {
  try {
    return (await table.getEntity<T>(pk, rk)) as T;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

const counterEntity = (dialogueId: string, c: Omit<CounterEntity, "partitionKey" | "rowKey">) => ({
  partitionKey: dialogueId,
  rowKey: COUNTER,
  confirmed: c.confirmed,
  waitlisted: c.waitlisted,
  seq: c.seq,
});

/** Creates the {@link RegistrationStore} over the `Registrations` table. */
export function createRegistrationRepository(table: TableClient): RegistrationStore {
  const readCounter = (dialogueId: string) => read<CounterEntity>(table, dialogueId, COUNTER);
  const readRow = (dialogueId: string, userId: string) =>
    read<RowEntity>(table, dialogueId, encodeKey(userId));

  // Seat changes of one dialogue queue per instance (see keyed-mutex): measured with 500
  // registrations for 100 seats, colliding on the counter's ETag made the last registrants
  // wait ~40 s; queued, each instance commits one after another and only instances collide.
  const perDialogue = createKeyedMutex();

  /** Runs an optimistic step until it commits or the attempts run out. */
  async function withRetry<T>(step: () => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        return await step();
      } catch (err) {
        if (!isConflict(err)) throw err;
      }
      await sleep(backoffMs(attempt + 1, CONFLICT_BACKOFF));
    }
    throw new ConcurrencyError("registration contention");
  }

  async function firstWaitlisted(dialogueId: string): Promise<RowEntity | undefined> {
    const filter = `PartitionKey eq '${dialogueId.replace(/'/g, "''")}' and status eq 'waitlisted'`;
    let first: RowEntity | undefined;
    for await (const e of table.listEntities<RowEntity>({ queryOptions: { filter } })) {
      if (!first || Number(e.seq) < Number(first.seq)) first = e;
    }
    return first;
  }

  const updateAction = (entity: object, etag: string | undefined): TransactionAction => [
    "update",
    entity as never,
    "Replace",
    { etag },
  ];

  return {
    async get(dialogueId, userId) {
      const row = await readRow(dialogueId, userId);
      return row ? fromRow(row) : undefined;
    },

    async list(dialogueId) {
      const out: Registration[] = [];
      const filter = `PartitionKey eq '${dialogueId.replace(/'/g, "''")}' and RowKey ne '${COUNTER}'`;
      for await (const e of table.listEntities<RowEntity>({ queryOptions: { filter } })) out.push(fromRow(e));
      return out.sort((a, b) => a.seq - b.seq);
    },

    async counts(dialogueId) {
      const c = await readCounter(dialogueId);
      return { confirmed: Number(c?.confirmed ?? 0), waitlisted: Number(c?.waitlisted ?? 0) };
    },

    register(input, capacity, now) {
      return perDialogue.run(input.dialogueId, () =>
        withRetry(async () => {
          const [row, counter] = await Promise.all([
            readRow(input.dialogueId, input.userId),
            readCounter(input.dialogueId),
          ]);
          if (row && (row.status === "confirmed" || row.status === "waitlisted")) {
            // Already in: keep the place, refresh the answers (no seat change, so no counter write).
            const updated: Registration = { ...fromRow(row), ...input };
            await table.updateEntity(toRow(updated), "Replace", { etag: row.etag });
            return { registration: updated, already: true };
          }
          const c: RegistrationCounts & { seq: number } = {
            confirmed: Number(counter?.confirmed ?? 0),
            waitlisted: Number(counter?.waitlisted ?? 0),
            seq: Number(counter?.seq ?? 0),
          };
          const status = c.confirmed < capacity ? "confirmed" : "waitlisted";
          const registration: Registration = {
            ...input,
            status,
            seq: c.seq + 1,
            registeredAt: now,
            reminded: row ? fromRow(row).reminded : [],
          };
          const next = counterEntity(input.dialogueId, {
            confirmed: c.confirmed + (status === "confirmed" ? 1 : 0),
            waitlisted: c.waitlisted + (status === "waitlisted" ? 1 : 0),
            seq: c.seq + 1,
          });
          const actions: TransactionAction[] = [
            counter ? updateAction(next, counter.etag) : ["create", next],
            row ? updateAction(toRow(registration), row.etag) : ["create", toRow(registration) as never],
          ];
          await table.submitTransaction(actions);
          return { registration, already: false };
        }),
      );
    },

    cancel(dialogueId, userId, capacity) {
      return perDialogue.run(dialogueId, () =>
        withRetry(async () => {
          const [row, counter] = await Promise.all([readRow(dialogueId, userId), readCounter(dialogueId)]);
          if (!row) return {};
          if (row.status === "cancelled" || !counter) return { cancelled: fromRow(row) };
          const wasConfirmed = row.status === "confirmed";
          let confirmed = Number(counter.confirmed) - (wasConfirmed ? 1 : 0);
          let waitlisted = Number(counter.waitlisted) - (wasConfirmed ? 0 : 1);
          const cancelled: Registration = { ...fromRow(row), status: "cancelled" };
          const actions: TransactionAction[] = [updateAction(toRow(cancelled), row.etag)];
          let promoted: Registration | undefined;
          if (wasConfirmed && waitlisted > 0 && confirmed < capacity) {
            const next = await firstWaitlisted(dialogueId);
            if (next) {
              promoted = { ...fromRow(next), status: "confirmed" };
              actions.push(updateAction(toRow(promoted), next.etag));
              confirmed += 1;
              waitlisted -= 1;
            }
          }
          actions.push(
            updateAction(
              counterEntity(dialogueId, { confirmed, waitlisted, seq: Number(counter.seq) }),
              counter.etag,
            ),
          );
          await table.submitTransaction(actions);
          return { cancelled, promoted };
        }),
      );
    },

    async fillFromWaitlist(dialogueId, capacity) {
      const promoted: Registration[] = [];
      for (;;) {
        const one = await perDialogue.run(dialogueId, () =>
          withRetry(async () => {
            const counter = await readCounter(dialogueId);
            if (!counter || Number(counter.confirmed) >= capacity || Number(counter.waitlisted) <= 0)
              return null;
            const next = await firstWaitlisted(dialogueId);
            if (!next) return null;
            const reg: Registration = { ...fromRow(next), status: "confirmed" };
            const c = counterEntity(dialogueId, {
              confirmed: Number(counter.confirmed) + 1,
              waitlisted: Number(counter.waitlisted) - 1,
              seq: Number(counter.seq),
            });
            await table.submitTransaction([
              updateAction(toRow(reg), next.etag),
              updateAction(c, counter.etag),
            ]);
            return reg;
          }),
        );
        if (!one) return promoted;
        promoted.push(one);
      }
    },

    async remove(dialogueId, userId) {
      const row = await readRow(dialogueId, userId);
      if (!row) return false;
      if (row.status !== "cancelled")
        throw new ConcurrencyError("only a cancelled registration can be removed");
      try {
        await table.deleteEntity(dialogueId, encodeKey(userId), { etag: row.etag });
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
      return true;
    },

    async markReminded(dialogueId, userId, reminder) {
      const row = await readRow(dialogueId, userId);
      if (!row) return;
      const reminded = fromRow(row).reminded;
      if (reminded.includes(reminder)) return;
      // Merge touches only `reminded`, so it cannot undo a concurrent status change.
      await table.updateEntity(
        { partitionKey: dialogueId, rowKey: encodeKey(userId), reminded: [...reminded, reminder].join(",") },
        "Merge",
        { etag: "*" },
      );
    },
  };
}
