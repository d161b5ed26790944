import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startConnectorEmulator, type ConnectorEmulator } from "../../../bench/lib/connector-emulator";
import { startAppProcess, type AppProcess } from "../../testing/app-process";
import { sharedAzurite, uniquePrefix } from "../../testing/azurite";
import { chatOf, deliveryRows, FAST_OUTBOX_ENV, seedReferences, waitFor } from "../../testing/outbox-fleet";
import { startSsoAuthority, type SsoAuthority } from "../../testing/sso";
import { createTableStore, type TableStore } from "../../src/platform/tables/table-store";
import { TABLE_NAMES } from "../../src/platform/tables/tables";
import { reportedDialogueBody, seriesBody } from "../series/api-client";

/**
 * The same series announcement (one request id) sent by two coordinators to two app processes on
 * one store at once reaches each organiser once; an old id replayed on the other process after a
 * newer announcement reaches nobody again. Real processes, Azurite, the connector emulator.
 */
describe("security: a series request id across two app processes", function () {
  this.timeout(180_000);
  let emulator: ConnectorEmulator;
  let store: TableStore;
  let sso: SsoAuthority;
  const apps: AppProcess[] = [];
  const organiser = "aad-org-two";
  const newcomer = "aad-new-two";

  before(async () => {
    const azurite = await sharedAzurite();
    const prefix = uniquePrefix();
    store = createTableStore({ target: { connectionString: azurite.connectionString }, prefix });
    await store.ensureTables(TABLE_NAMES);
    emulator = await startConnectorEmulator({ faultRate: 0 });
    sso = await startSsoAuthority();
    const env = { ...sso.env, ...FAST_OUTBOX_ENV, COORDINATORS: "coord-a,coord-b", SEED_DEMO_DATA: "false" };
    const start = () =>
      startAppProcess({ connectionString: azurite.connectionString, prefix, env, startTimeoutMs: 60_000 });
    apps.push(...(await Promise.all([start(), start()])));
    await seedReferences(store, [organiser, newcomer], emulator.serviceUrl);
  });
  after(async () => {
    for (const app of apps) await app.stop();
    await emulator?.close();
    await sso?.close();
  });

  const call = async (app: AppProcess, oid: string, path: string, body: unknown) => {
    const res = await fetch(`${app.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await sso.mint({ oid, name: oid, email: `${oid}@example.org` })}`,
        "content-type": "application/json",
        "accept-language": "fi",
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const cards = (who = organiser) => (emulator.stats().bodies.get(chatOf(who)) ?? []).length;

  it("one announcement from two processes at once, and no second one for an old id replayed", async () => {
    const [a, b] = apps as [AppProcess, AppProcess];
    const created = await call(a, "coord-a", "/api/series", seriesBody());
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const seriesId = (created.json.series as { id: string }).id;
    const register = async (app: AppProcess, who: string) => {
      const reg = await call(
        app,
        who,
        `/api/series/${seriesId}/dialogues`,
        reportedDialogueBody({ title: `Dialogi ${who}`, joinNetwork: true }),
      );
      assert.equal(reg.status, 201, JSON.stringify(reg.json));
    };
    await register(b, organiser);
    const allSent = async () => (await deliveryRows(store, seriesId)).every((r) => r.status === "sent");

    const old = randomUUID();
    const both = await Promise.all([
      call(a, "coord-a", `/api/series/${seriesId}/announce`, { requestId: old }),
      call(b, "coord-b", `/api/series/${seriesId}/announce`, { requestId: old }),
    ]);
    for (const r of both) assert.equal(r.status, 200, JSON.stringify(r.json));
    await waitFor("the announcement", () => cards() >= 1, 30_000);
    await waitFor("every row sent", allSent, 30_000);
    assert.equal(cards(), 1, "one card from two processes");
    assert.equal((await deliveryRows(store, seriesId)).length, 1);

    // A new organiser joins; a newer announcement reaches both.
    await register(a, newcomer);
    const newer = await call(b, "coord-b", `/api/series/${seriesId}/announce`, { requestId: randomUUID() });
    assert.equal(newer.status, 200);
    await waitFor("the newer announcement", () => cards() >= 2 && cards(newcomer) >= 1, 30_000);
    const replay = await call(a, "coord-a", `/api/series/${seriesId}/announce`, { requestId: old });
    assert.equal(replay.status, 200, JSON.stringify(replay.json));
    await waitFor("every row sent", allSent, 30_000);
    assert.equal((await deliveryRows(store, seriesId)).length, 3, "the replay added no row");
    assert.equal(cards(), 2);
    assert.equal(cards(newcomer), 1, "the old request never reaches someone who joined after it");
  });
});
