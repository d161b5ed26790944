import assert from "node:assert/strict";
import type { TableClient } from "@azure/data-tables";
import { createLogger } from "../../../src/logger";
import { createJobQueue } from "../../../src/platform/jobs/job-queue";
import { createJobRunner } from "../../../src/platform/jobs/job-runner";
import { INDEX_PARTITION } from "../../../src/platform/jobs/job-table";
import { createDeliveryStore, LEASE_PARTITION } from "../../../src/platform/outbox/delivery-store";
import { createOutboxRetention } from "../../../src/platform/outbox/outbox-retention";
import {
  createOutboxRetentionJob,
  OUTBOX_RETENTION_JOB,
} from "../../../src/platform/outbox/outbox-retention-job";
import type { OutboxDecision } from "../../../src/platform/outbox/outbox-types";
import { createSenderLease } from "../../../src/platform/outbox/sender-lease";
import { testStore } from "../../../testing/azurite";
import { startTestApp } from "../../../testing/app";
import { waitFor } from "../../../testing/outbox-fleet";
import { loadConfig } from "../../../src/config";

const DAY = 24 * 60 * 60_000;
const T0 = new Date("2030-03-04T10:00:00.000Z");
const day = (n: number) => new Date(T0.getTime() + n * DAY);
const logger = createLogger("silent");

const items = (n: number, kind = "user") =>
  Array.from({ length: n }, (_, i) => ({
    recipient: `${kind}-${i}`,
    target: { kind: "user" as const, userId: `${kind}-${i}` },
    payload: { type: "message", text: `hello ${i}`, to: `person${i}@example.org` },
  }));

/** Every partition of the Outbox table with its row count. */
async function partitions(table: TableClient): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const e of table.listEntities({ queryOptions: { select: ["PartitionKey"] } }))
    out.set(String(e.partitionKey), (out.get(String(e.partitionKey)) ?? 0) + 1);
  return out;
}

/** The row keys of one partition. */
async function rowKeys(table: TableClient, pk: string): Promise<string[]> {
  const out: string[] = [];
  const rows = table.listEntities({
    queryOptions: { filter: `PartitionKey eq '${pk}'`, select: ["RowKey"] },
  });
  for await (const e of rows) out.push(String(e.rowKey));
  return out;
}

/**
 * Outbox rows not tied to a live dialogue (series, `org-<id>`, the app's own, a dialogue erased
 * long ago) hold recipients' ids and payloads: a finished decision is erased `days` after its last
 * row finished; pending ones and recent ones stay, and so does the sender lease.
 */
describe("outbox retention: finished decisions are erased after the stated days", function () {
  this.timeout(60_000);
  let table: TableClient;
  let jobsTable: TableClient;
  let clock = T0;
  const store = () => createDeliveryStore(table, { now: () => clock });

  beforeEach(async () => {
    const { store: ts } = await testStore();
    await ts.ensureTables(["Outbox", "Jobs"]);
    table = ts.table("Outbox");
    jobsTable = ts.table("Jobs");
    clock = T0;
  });

  /** Writes a decision and finishes its rows at `clock`: `failed` of them given up, the rest sent. */
  async function finished(decision: OutboxDecision, n: number, failed = 0) {
    const s = store();
    const { partitionKey } = await s.write(decision, items(n));
    const rows = (await s.pending(partitionKey)).map((p) => p.row);
    for (const [i, row] of rows.entries()) {
      if (i < failed) await s.markAttempt(row, "Gone 404", true);
      else assert.ok(await s.markSent(row, "host-a", clock));
    }
    return partitionKey;
  }

  async function arrange() {
    clock = T0;
    const series = await finished(
      { key: "announce|q1", dialogueId: "s-series01", label: "seriesAnnounce" },
      3,
      1,
    );
    const org = await finished(
      { key: "listingReminder|2030-01-01", dialogueId: "org-o42", label: "message" },
      2,
    );
    const app = await finished({ key: "mail|k1", label: "mail" }, 1, 1);
    const gone = await finished({ key: "announce|r1|x", dialogueId: "d-gone0001", label: "groupCard" }, 120);
    // Old, but one row still waits (a recipient whose sends keep being retried): kept whole.
    const waiting = await finished({ key: "remind|q2", dialogueId: "s-series01", label: "reminder" }, 3);
    await store().write({ key: "remind|q2", dialogueId: "s-series01", label: "reminder" }, [
      ...items(3),
      ...items(1, "late"),
    ]);
    // Finished 25 days later, one row given up: still within the period on day 31.
    clock = day(25);
    const recent = await finished({ key: "access|r9", dialogueId: "org-o42", label: "message" }, 2, 1);
    // The sender lease lives in the same table.
    assert.ok(await createSenderLease(table, { owner: "host-a", leaseMs: 9000 }).tryHold());
    return { series, org, app, gone, waiting, recent };
  }

  it("erases old finished decisions of every owner; pending, recent and the lease stay; a rerun is harmless", async () => {
    const pk = await arrange();
    const before = await partitions(table);
    assert.equal(before.get(pk.gone), 120);

    // Day 29: nothing is old enough yet.
    const retention = (at: Date) => createOutboxRetention({ table, days: 30, now: () => at });
    assert.deepEqual(await retention(day(29)).sweep(), { decisions: 0, rows: 0 });
    assert.deepEqual(await partitions(table), before);

    // Day 31: the decisions finished on day 0 go, whoever they belonged to.
    assert.deepEqual(await retention(day(31)).sweep(), { decisions: 4, rows: 3 + 2 + 1 + 120 });
    const after = await partitions(table);
    for (const gone of [pk.series, pk.org, pk.app, pk.gone]) assert.equal(after.has(gone), false, gone);
    assert.equal(after.get(pk.waiting), 4, "a decision with a pending row stays whole");
    assert.equal(after.get(pk.recent), 2, "finished 6 days ago: stays, its failure visible");
    assert.equal(after.get(LEASE_PARTITION), 1, "the sender lease stays");
    const failed = await store().pending(pk.recent);
    assert.equal(failed.length, 0);

    // A rerun (or a second instance) finds nothing more.
    assert.deepEqual(await retention(day(31)).sweep(), { decisions: 0, rows: 0 });
    assert.deepEqual(await partitions(table), after);

    // Day 56: the recent one has had its 30 days; the waiting one still waits.
    assert.deepEqual(await retention(day(56)).sweep(), { decisions: 1, rows: 2 });
    assert.deepEqual([...(await partitions(table)).keys()].sort(), [LEASE_PARTITION, pk.waiting].sort());
  });

  it("a row sent again after the sweep read it is not erased", async () => {
    clock = T0;
    const pk = await finished({ key: "access|r1", dialogueId: "org-o1", label: "message" }, 2, 2);
    const [first] = await rowKeys(table, pk);
    // "Send again" between the sweep's read and its delete: the row changed, and its ETag.
    const del = table.deleteEntity.bind(table);
    let sentAgain = false;
    table.deleteEntity = (async (...args: Parameters<typeof del>) => {
      if (!sentAgain) {
        sentAgain = true;
        await table.updateEntity(
          { partitionKey: pk, rowKey: first!, status: "pending", attempts: 0 },
          "Merge",
        );
      }
      return del(...args);
    }) as typeof table.deleteEntity;
    const swept = await createOutboxRetention({ table, days: 30, now: () => day(40) }).sweep();
    table.deleteEntity = del;
    assert.ok(sentAgain);
    assert.deepEqual(swept, { decisions: 1, rows: 1 }, "the untouched row goes");
    assert.deepEqual(await rowKeys(table, pk), [first], "the row sent again stays");
  });

  it("runs as a daily job: scheduled once however many instances start, the run erases and schedules the next day", async () => {
    clock = T0;
    const pk = await finished({ key: "mail|k1", label: "mail" }, 1);
    const jobs = createJobQueue(jobsTable, { now: () => clock });
    const job = () =>
      createOutboxRetentionJob({
        retention: createOutboxRetention({ table, days: 30, now: () => clock }),
        ...{ jobs, jobsTable, now: () => clock, logger },
      });
    const indexRows = async () => {
      const ids: string[] = [];
      const rows = jobsTable.listEntities({
        queryOptions: { filter: `PartitionKey eq '${INDEX_PARTITION}'` },
      });
      for await (const e of rows) ids.push(String(e.rowKey));
      return ids;
    };

    clock = day(31);
    await Promise.all([job().ensureScheduled(), job().ensureScheduled()]);
    await job().ensureScheduled();
    assert.deepEqual(
      await indexRows(),
      ["outbox-retention-20300405"],
      "one sweep, at 01:00 UTC the next day",
    );

    const a = job();
    const runner = createJobRunner({ table: jobsTable, owner: "host-a", now: () => clock, logger });
    runner.register(OUTBOX_RETENTION_JOB, a.handler);
    assert.equal((await runner.runDueOnce()).ran, 0, "not due yet");
    assert.equal((await partitions(table)).has(pk), true);

    clock = new Date("2030-04-05T01:00:30Z");
    const summary = await runner.runDueOnce();
    assert.equal(summary.succeeded, 1);
    assert.equal((await partitions(table)).has(pk), false, "the sweep erased the old decision");
    assert.deepEqual(await indexRows(), ["outbox-retention-20300406"], "the next day's sweep is scheduled");
    await a.ensureScheduled();
    assert.deepEqual(await indexRows(), ["outbox-retention-20300406"]);
  });

  it("the composed app registers the job and schedules the sweep when it starts (OUTBOX_RETENTION_DAYS from the config)", async () => {
    const app = await startTestApp({ env: { OUTBOX_RETENTION_DAYS: "45" } });
    try {
      assert.equal(app.config.outbox.retentionDays, 45);
      const jobs = app.app.store.table("Jobs");
      const scheduled = async () => {
        const ids: string[] = [];
        const rows = jobs.listEntities({ queryOptions: { filter: `PartitionKey eq '${INDEX_PARTITION}'` } });
        for await (const e of rows)
          if (String(e.rowKey).startsWith("outbox-retention-")) ids.push(String(e.rowKey));
        return ids;
      };
      await waitFor("the sweep to be scheduled", async () => (await scheduled()).length === 1, 10_000);
    } finally {
      await app.close();
    }
    assert.throws(
      () => loadConfig({ LOCAL_MODE: "true", OUTBOX_RETENTION_DAYS: "3" }),
      /OUTBOX_RETENTION_DAYS/,
    );
  });
});
