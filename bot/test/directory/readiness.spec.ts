import assert from "node:assert/strict";
import type { DirectoryStores } from "../../src/features/directory/domain/ports";
import { startAzurite, type AzuriteHandle } from "../../src/platform/tables/azurite";
import { startTestApp, type TestApp } from "../../testing/app";

/** A gate the test opens: the wrapped load waits at it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/**
 * Wraps the directory's stores so the snapshot load reads every row, then waits at `held` before
 * handing the entries over (and fails there once when `fail.next`). `read` lists the row reads,
 * so a test can await them and know that opening the gate leaves only promise callbacks to run.
 */
function holdEntries(held: Promise<void>, fail: { next: boolean }, read: Promise<unknown>[]) {
  return (stores: DirectoryStores): DirectoryStores => ({
    ...stores,
    organisations: {
      ...stores.organisations,
      list: (tenantId) => track(read, stores.organisations.list(tenantId)),
    },
    memberships: {
      ...stores.memberships,
      list: (tenantId) => track(read, stores.memberships.list(tenantId)),
    },
    entries: {
      ...stores.entries,
      list: async (tenantId) => {
        const rows = await track(read, stores.entries.list(tenantId));
        await held;
        if (fail.next) {
          fail.next = false;
          throw new Error("store unreachable");
        }
        return rows;
      },
    },
  });
}

function track<T>(list: Promise<unknown>[], p: Promise<T>): Promise<T> {
  list.push(p.catch(() => undefined));
  return p;
}

async function get(app: TestApp, path: string): Promise<{ status: number; body: { status?: string } }> {
  const res = await fetch(`${app.url}${path}`);
  return { status: res.status, body: (await res.json()) as { status?: string } };
}

async function search(app: TestApp, q: string): Promise<{ status: number; total: number; ids: string[] }> {
  const signIn = await fetch(`${app.url}/api/auth/dev-signin`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ persona: "reader" }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const res = await fetch(`${app.url}/api/directory/entries?q=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { total: number; items: { id: string }[] };
  return { status: res.status, total: body.total, ids: body.items.map((e) => e.id) };
}

describe("GET /api/ready: no user traffic before the directory snapshot is in memory", () => {
  it("answers 503 starting while the snapshot loads (liveness stays 200), then 200; requests use that one load", async () => {
    const held = gate();
    const read: Promise<unknown>[] = [];
    const app = await startTestApp({
      overrides: { directoryStores: holdEntries(held.opened, { next: false }, read) },
    });
    try {
      assert.deepEqual(await get(app, "/api/ready"), { status: 503, body: { status: "starting" } });
      assert.deepEqual(await get(app, "/api/health"), { status: 200, body: { status: "ok" } });
      await Promise.all(read);
      held.open();
      // The load settles in promise callbacks, all run before this request's reply arrives.
      assert.deepEqual(await get(app, "/api/ready"), { status: 200, body: { status: "ok" } });
      const found = await search(app, "Saimaa");
      assert.equal(found.status, 200);
      assert.ok(found.total > 0, "the seeded directory is searchable");
      assert.equal(read.length, 3, "the request is served from the preloaded snapshot, not a second read");
    } finally {
      await app.close();
    }
  });

  describe("when the start-up load fails", () => {
    let azurite: AzuriteHandle;
    before(async () => {
      // A dedicated Azurite so stopping it does not disturb other tests.
      azurite = await startAzurite();
    });
    after(() => azurite.stop());

    it("does not stay 'starting': reads the store like /api/health, and loads again by itself", async () => {
      const held = gate();
      const read: Promise<unknown>[] = [];
      const app = await startTestApp({
        connectionString: azurite.connectionString,
        overrides: { directoryStores: holdEntries(held.opened, { next: true }, read) },
      });
      try {
        assert.equal((await get(app, "/api/ready")).body.status, "starting");
        await Promise.all(read);
        held.open(); // the load now fails
        const port = azurite.port;
        await azurite.stop();
        const down = await get(app, "/api/ready");
        assert.equal(down.status, 503);
        assert.equal(down.body.status, "unavailable", "a store outage reads as unavailable, not starting");

        azurite = await startAzurite({ port });
        // Store back: ready (the instance serves as one without a preload would), and this probe
        // started another load of the snapshot.
        assert.deepEqual(await get(app, "/api/ready"), { status: 200, body: { status: "ok" } });
        assert.ok(read.length > 3, "the failed load is retried without a user request");
      } finally {
        await app.close();
      }
    });
  });
});
