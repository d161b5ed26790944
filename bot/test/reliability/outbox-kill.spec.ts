import assert from "node:assert/strict";
import { startConnectorEmulator, type ConnectorEmulator } from "../../../bench/lib/connector-emulator";
import { sharedAzurite, uniquePrefix } from "../../testing/azurite";
import { startAppProcess, type AppProcess } from "../../testing/app-process";
import { arrangeRunningRound, memberId } from "../../testing/arrange";
import { createTableStore, type TableStore } from "../../src/platform/tables/table-store";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import {
  deliveredTotal,
  deliveryRows,
  FAST_OUTBOX_ENV,
  groupCardsOf,
  leaseHolder,
  scheduleAnnouncement,
  seedReferences,
  waitFor,
} from "../../testing/outbox-fleet";
import { tracked } from "./report";
import { MARK_PENDING_MAX } from "../../src/platform/outbox/outbox-sender";

const GROUPS = 40;
const MEMBERS = 5;
/** Teams sends in flight at once per sender (OUTBOX_CONCURRENCY). */
const CONCURRENCY = 8;
/** The most a crash can repeat: sends in flight plus sent rows waiting for their batched mark. */
const MAX_UNMARKED = CONCURRENCY + MARK_PENDING_MAX;

describe("outbox: kill -9 of the sending instance mid-round", function () {
  this.timeout(120_000);
  let emulator: ConnectorEmulator;
  let store: TableStore;
  const apps: AppProcess[] = [];

  before(async () => {
    const azurite = await sharedAzurite();
    const prefix = uniquePrefix();
    store = createTableStore({ target: { connectionString: azurite.connectionString }, prefix });
    await store.ensureTables(TABLE_NAMES);
    emulator = await startConnectorEmulator({ faultRate: 0 });
    const env = { ...FAST_OUTBOX_ENV, OUTBOX_CONCURRENCY: String(CONCURRENCY) };
    const start = () =>
      startAppProcess({ connectionString: azurite.connectionString, prefix, env, startTimeoutMs: 60_000 });
    apps.push(...(await Promise.all([start(), start()])));
  });
  after(async () => {
    for (const app of apps) await app.stop();
    await emulator?.close();
  });

  it(
    "every member of 200 gets exactly one group card; the survivor sends the rest within seconds",
    tracked("faults", async () => {
      const { dialogue } = await arrangeRunningRound(store, GROUPS, MEMBERS);
      const everyone = Array.from({ length: GROUPS * MEMBERS }, (_, n) => memberId(dialogue.id, n));
      await seedReferences(store, everyone, emulator.serviceUrl);
      await scheduleAnnouncement(store, dialogue.id, new Date(Date.now() + 1800_000));

      const cardsSoFar = () => everyone.reduce((n, u) => n + groupCardsOf(emulator, u), 0);
      await waitFor("about 50 group cards", () => cardsSoFar() >= 50, 30_000);
      const holder = await leaseHolder(store);
      assert.ok(holder, "someone holds the sender lease");
      const victim = apps.find((a) => a.pid === holder.pid);
      assert.ok(victim, `the lease holder ${holder.owner} is one of our processes`);
      await victim.kill();
      const killedAt = Date.now();
      const deliveredAtKill = deliveredTotal(emulator);
      const cardsAtKill = cardsSoFar();
      assert.ok(cardsAtKill < everyone.length, `the kill came mid-send (${cardsAtKill} cards so far)`);

      // Rows the dead instance had marked sent; what it delivered beyond them was in flight.
      const rowsAtKill = await deliveryRows(store, dialogue.id);
      const markedByVictim = rowsAtKill.filter(
        (r) => r.status === "sent" && r.sentBy === holder.owner,
      ).length;
      const inFlightAtKill = deliveredAtKill - markedByVictim;
      assert.ok(
        inFlightAtKill >= 0 && inFlightAtKill <= MAX_UNMARKED,
        `in flight at the kill: ${inFlightAtKill}`,
      );

      await waitFor(
        "every member's group card",
        () => everyone.every((u) => groupCardsOf(emulator, u) >= 1),
        30_000,
      );
      const takeoverMs = Date.now() - killedAt;
      const rows = await deliveryRows(store, dialogue.id);
      await waitFor(
        "every row marked sent",
        async () => (await deliveryRows(store, dialogue.id)).every((r) => r.status === "sent"),
        10_000,
      );
      const perMember = everyone.map((u) => groupCardsOf(emulator, u));
      const duplicates = deliveredTotal(emulator) - rows.length;
      assert.ok(
        duplicates >= 0 && duplicates <= inFlightAtKill,
        `${duplicates} duplicates, ${inFlightAtKill} in flight`,
      );
      assert.equal(perMember.filter((n) => n === 0).length, 0, "nobody without a card");
      assert.ok(
        perMember.filter((n) => n > 1).length <= inFlightAtKill,
        `members with two cards: ${perMember.filter((n) => n > 1).length}`,
      );
      const survivor = (await deliveryRows(store, dialogue.id)).filter(
        (r) => r.status === "sent" && r.sentBy !== holder.owner,
      ).length;
      assert.ok(survivor >= rows.length - deliveredAtKill, `the survivor sent ${survivor} rows`);
      // Lease (1.5 s) + message visibility (2 s) + sending the rest (≥ 150 at 50/s = 3 s).
      assert.ok(takeoverMs < 15_000, `the rest took ${takeoverMs} ms after the kill`);
      return `kill -9 at ${cardsAtKill}/${everyone.length} cards: ${inFlightAtKill} in flight, ${duplicates} duplicate(s), rest within ${(takeoverMs / 1000).toFixed(1)} s`;
    }),
  );
});
