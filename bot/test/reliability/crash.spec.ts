import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startAzurite, type AzuriteHandle } from "../../src/platform/tables/azurite";
import { createTableStore, type TableStore } from "../../src/platform/tables/table-store";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import { executeActivity } from "../../testing/activities";
import { startAppProcess, type AppProcess } from "../../testing/app-process";
import { uniquePrefix } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { arrangeRunningRound, memberId, noteRowsOf } from "../../testing/arrange";
import { tracked } from "./report";

const SUBMITS = 200;
const GROUPS = 8;
const MEMBERS = 8;
/** The app is killed once this many submits have been acknowledged. */
const KILL_AFTER_ACKS = 40;

const CARD = "application/vnd.microsoft.card.adaptive";

describe("faults: the app is killed (SIGKILL) while scribes submit notes", function () {
  // A correctness test: generous so a busy CI machine cannot fail it on time (speed is a bench figure).
  this.timeout(300_000);
  let azurite: AzuriteHandle;
  let store: TableStore;
  let prefix: string;
  let connector: ConnectorRecorder;
  let app: AppProcess | undefined;

  before(async () => {
    // The store outlives the app: a dedicated Azurite owned by the test.
    azurite = await startAzurite();
    prefix = uniquePrefix();
    store = createTableStore({ target: { connectionString: azurite.connectionString }, prefix });
    await store.ensureTables(TABLE_NAMES);
    connector = await startConnectorRecorder();
  });
  after(async () => {
    await app?.stop();
    await connector.close();
    await azurite.stop();
  });

  const start = () => startAppProcess({ connectionString: azurite.connectionString, prefix });

  /** POSTs an activity; resolves with "card" for a saved-note card, else what happened. */
  const post = async (url: string, body: string) => {
    try {
      const res = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      if (res.status !== 200) return `http ${res.status}`;
      const json = (await res.json()) as { type?: string; value?: unknown };
      return json.type === CARD ? "card" : `message ${String(json.value)}`;
    } catch (err) {
      return `network ${(err as Error).name}`;
    }
  };

  it(
    "keeps every acknowledged note exactly once; redelivered unacknowledged ones are stored once",
    tracked("faults", async () => {
      const { dialogue, groupOf } = await arrangeRunningRound(store, GROUPS, MEMBERS);
      // Fixed activity and note ids: a redelivery by Teams repeats both.
      const bodies = Array.from({ length: SUBMITS }, (_, i) => {
        const member = i % (GROUPS * MEMBERS);
        return JSON.stringify(
          executeActivity({
            serviceUrl: connector.serviceUrl,
            userId: memberId(dialogue.id, member),
            id: `act-${i}`,
            verb: "notes.save",
            data: {
              dialogueId: dialogue.id,
              round: 1,
              group: groupOf(member),
              noteId: randomUUID(),
              text: `Muistiinpano ${i}: keskustelimme luottamuksesta ja selkeästä kielestä.`,
              themes: "luottamus",
              insights: "",
            },
          }),
        );
      });
      const noteIdOf = (i: number) =>
        String(
          (JSON.parse(bodies[i]!) as { value: { action: { data: { noteId: string } } } }).value.action.data
            .noteId,
        );

      app = await start();
      const crashed = app;
      const acked = new Set<number>();
      let killed = false;
      const outcomes = await Promise.all(
        bodies.map(async (body, i) => {
          const outcome = await post(crashed.url, body);
          if (outcome === "card" && !killed) acked.add(i);
          if (acked.size >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            process.kill(crashed.pid, "SIGKILL");
          }
          return outcome;
        }),
      );
      await crashed.kill();
      app = undefined;
      const unacked = outcomes.flatMap((o, i) => (acked.has(i) ? [] : [i]));
      assert.ok(killed, "the app was killed mid-flight");
      assert.ok(unacked.length > 0, "some submits were in flight when the app died");
      // Nothing acknowledged was lost, and nothing is stored twice.
      let rows = await noteRowsOf(store, dialogue.id);
      const stored = new Map<string, number>();
      for (const r of rows) stored.set(String(r.noteId), (stored.get(String(r.noteId)) ?? 0) + 1);
      for (const i of acked) assert.equal(stored.get(noteIdOf(i)), 1, `acknowledged note ${i}`);
      const beforeRestart = rows.length;

      // Restart and redeliver what was not acknowledged (plus a few that were: Teams may repeat those too).
      app = await start();
      const restarted = app;
      const redeliver = [...unacked, ...[...acked].slice(0, 10)];
      const again = await Promise.all(redeliver.map((i) => post(restarted.url, bodies[i]!)));
      assert.deepEqual(
        again.filter((o) => o !== "card"),
        [],
        "every redelivered submit is answered with the saved card",
      );
      rows = await noteRowsOf(store, dialogue.id);
      assert.equal(rows.length, SUBMITS, "one row per note");
      assert.deepEqual(
        new Set(rows.map((r) => String(r.noteId))),
        new Set(bodies.map((_, i) => noteIdOf(i))),
      );
      for (const r of rows) assert.match(String(r.text0), /^Muistiinpano \d+: keskustelimme/);
      return `crash: ${acked.size} acked before SIGKILL, ${beforeRestart} rows at crash, ${unacked.length} redelivered, ${rows.length}/${SUBMITS} stored once`;
    }),
  );
});
