import assert from "node:assert/strict";
import { holdEntryListing } from "./held-entries";
import { createDirectory } from "../../src/features/directory/domain/directory";
import { importListing } from "../../src/features/directory/domain/listing/import-service";
import type { DirectoryStores } from "../../src/features/directory/domain/ports";
import { DirectoryReadModel } from "../../src/features/directory/domain/read-model";
import type { Principal } from "../../src/features/directory/domain/types";
import { SEED_LISTING_PATH } from "../../src/features/directory/seed/seed-directory";
import { createDirectoryStores, DIRECTORY_TABLES } from "../../src/features/directory/store/directory-stores";
import { testStore } from "../../testing/azurite";
import { readFileSync } from "node:fs";

const tenant = "tenant-a";
const policy = { coordinators: [], membershipDomainRules: {} };
const staff: Principal = { userId: "u1", tenantId: tenant, name: "U1", coordinator: false, staffOf: ["vm"] };

describe("directory read model (several app instances)", () => {
  let stores: DirectoryStores;
  let clock: number;
  const now = () => new Date(clock);

  beforeEach(async () => {
    const { store } = await testStore();
    await store.ensureTables(DIRECTORY_TABLES);
    stores = createDirectoryStores(store);
    await importListing(stores, tenant, readFileSync(SEED_LISTING_PATH, "utf8"), {
      actor: { userId: "t", name: "t" },
    });
    clock = Date.parse("2026-01-01T12:00:00Z");
  });

  it("shows this instance's writes at once and another instance's on the first read after the version check", async () => {
    const a = createDirectory(stores, { policy, now, readModel: { versionCheckMs: 1000 } });
    const b = createDirectory(stores, { policy, now, readModel: { versionCheckMs: 1000 } });
    const countIn = async (d: typeof a) => (await d.entries.search(staff, { q: "hiihtodialogi" })).total;
    assert.equal(await countIn(a), 0);
    assert.equal(await countIn(b), 0);

    await a.entries.create(staff, { orgId: "vm", section: "done", title: "Hiihtodialogi Lapissa" });
    assert.equal(await countIn(a), 1, "read-your-writes on the writing instance");
    assert.equal(await countIn(b), 0, "within the check interval the other instance serves its snapshot");

    // An idle instance: no background work ran meanwhile; the very first read after the
    // interval checks the stored version, sees it moved and waits for the reload.
    clock += 1000;
    assert.equal(await countIn(b), 1, "the first read after the interval sees the other instance's write");
  });

  it("reloads for other instances' writes only, and never labels a snapshot newer than its rows", async () => {
    let loads = 0;
    const counted: DirectoryStores = {
      ...stores,
      entries: { ...stores.entries, list: (t) => (loads++, stores.entries.list(t)) },
    };
    const a = createDirectory(counted, { policy, now, readModel: { versionCheckMs: 1000 } });
    const b = createDirectory(stores, { policy, now, readModel: { versionCheckMs: 1000 } });
    const titles = async (d: typeof a) =>
      (await d.entries.search(staff, { q: "hiihtodialogi" })).items.map((e) => e.title).sort();
    await titles(a);
    await titles(b);
    assert.equal(loads, 1);
    // Both instances write at once: each bump is conditional, so neither snapshot can take the
    // other's bump for its own.
    await Promise.all([
      a.entries.create(staff, { orgId: "vm", section: "done", title: "Hiihtodialogi A" }),
      b.entries.create(staff, { orgId: "vm", section: "done", title: "Hiihtodialogi B" }),
    ]);
    clock += 1000;
    assert.deepEqual(await titles(a), ["Hiihtodialogi A", "Hiihtodialogi B"]);
    assert.deepEqual(await titles(b), ["Hiihtodialogi A", "Hiihtodialogi B"]);
    const after = loads;
    await a.entries.create(staff, { orgId: "vm", section: "done", title: "Hiihtodialogi A2" });
    clock += 1000;
    assert.equal((await titles(a)).length, 3);
    assert.equal(loads, after, "its own write advances the snapshot: no reload");
  });

  it("does not lose a local write made while a reload is reading the table", async () => {
    const held = holdEntryListing(stores);
    const model = new DirectoryReadModel(held.stores, { now: () => clock });
    const loading = model.snapshot(tenant);
    const entry = await stores.entries.create(tenant, {
      id: "e0000000000000001",
      orgId: "vm",
      section: "done",
      title: "Kesken latauksen",
      description: "",
      time: { text: "" },
      places: [],
      partners: [],
      themes: [],
      areas: [],
      order: 99,
      status: "published",
      createdAt: now().toISOString(),
      updatedAt: now().toISOString(),
      updatedBy: "U1",
    });
    model.putEntry(tenant, entry);
    held.release();
    const snapshot = await loading;
    assert.equal(snapshot.getEntry("vm", entry.id)?.title, "Kesken latauksen");
  });

  it("answers a search of a large directory from memory", async () => {
    const a = createDirectory(stores, { policy, now });
    const snapshot = await a.readModel.snapshot(tenant);
    for (let i = 0; i < 10_000; i++) {
      snapshot.putEntry({
        id: `e${String(i).padStart(16, "0")}`,
        orgId: "vm",
        section: "done",
        title: `Kuntadialogi ${i}`,
        description: `Keskustelu numero ${i} kunnassa ${i % 250}`,
        time: { text: "" },
        places: [],
        partners: [],
        themes: [`teema${i % 40}`],
        areas: [],
        order: i,
        status: "published",
        createdAt: "2026-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.000Z",
        updatedBy: "bench",
        etag: "x",
      });
    }
    // Speed at this size is a bench figure (npm run bench, "directory search"), not asserted here.
    assert.equal((await a.entries.search(staff, { q: "Saimaa" })).items[0]?.title, "Saimaadialogit");
    const kunta = await a.entries.search(staff, { q: "kunnassa 17" });
    assert.ok(kunta.total >= 40, String(kunta.total));
  });

  it("a request arriving during the start-up preload waits for that load (one read) and finds the entries", async () => {
    const held = holdEntryListing(stores);
    const d = createDirectory(held.stores, { policy, now });
    const preload = d.readModel.preload(tenant);
    let answered = false;
    const search = d.entries.search(staff, { q: "Saimaa" }).then((r) => {
      answered = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(answered, false, "the request waits for the load in flight");
    held.release();
    const [entries, result] = await Promise.all([preload, search]);
    assert.equal(held.reads, 1, "one load, not a second one for the request");
    const expected = await createDirectory(stores, { policy, now }).entries.search(staff, { q: "Saimaa" });
    assert.ok(result.total > 0);
    assert.equal(result.total, expected.total);
    assert.deepEqual(
      result.items.map((e) => e.id),
      expected.items.map((e) => e.id),
    );
    assert.equal(entries, (await stores.entries.list(tenant)).length);
    assert.equal(result.items[0]?.title, "Saimaadialogit");
  });

  it("a failed preload is reported and the next request loads again", async () => {
    const errors: unknown[] = [];
    let fail = true;
    const flaky: DirectoryStores = {
      ...stores,
      entries: {
        ...stores.entries,
        list: async (t) => {
          if (fail) throw new Error("store unreachable");
          return stores.entries.list(t);
        },
      },
    };
    const d = createDirectory(flaky, { policy, now, readModel: { onRefreshError: (e) => errors.push(e) } });
    assert.equal(await d.readModel.preload(tenant), undefined);
    assert.equal(errors.length, 1);
    fail = false;
    assert.ok((await d.entries.search(staff, { q: "Saimaa" })).total > 0);
  });
});
