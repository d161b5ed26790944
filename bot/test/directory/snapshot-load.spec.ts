import assert from "node:assert/strict";
import { holdEntryListing } from "./held-entries";
import { readFileSync } from "node:fs";
import { importListing } from "../../src/features/directory/domain/listing/import-service";
import type { DirectoryStores, NewEntry } from "../../src/features/directory/domain/ports";
import { DirectoryReadModel } from "../../src/features/directory/domain/read-model";
import { TenantSnapshot } from "../../src/features/directory/domain/snapshot";
import type { Entry } from "../../src/features/directory/domain/types";
import { SEED_LISTING_PATH } from "../../src/features/directory/seed/seed-directory";
import { listAll, tenantPartitionsFilter } from "../../src/features/directory/store/directory-keys";
import { createDirectoryStores, DIRECTORY_TABLES } from "../../src/features/directory/store/directory-stores";
import { testStore } from "../../testing/azurite";
import type { TableStore } from "../../src/platform/tables/table-store";

const tenant = "tenant-load";
const AT = "2026-01-01T00:00:00.000Z";

function entry(i: number, orgId: string): NewEntry {
  const places = ["Saimaa", "Lappi", "Kainuu", "Ahvenanmaa"];
  return {
    id: `x${String(i).padStart(16, "0")}`,
    orgId,
    order: 1000 + i,
    section: (["done", "upcoming", "other"] as const)[i % 3]!,
    title: `${places[i % 4]}n dialogi ${i}`,
    description: `Keskustelimme luottamuksesta ja osallisuudesta (${i % 17}).`,
    time: { text: `${1 + (i % 12)}/2024`, year: 2024 },
    places: [places[i % 4]!],
    partners: i % 2 ? ["Erätauko-säätiö"] : [],
    themes: [`teema ${i % 9}`],
    areas: [],
    status: "published",
    createdAt: AT,
    updatedAt: AT,
    updatedBy: "t",
  };
}

/** The way the snapshot used to be read: one query over all the tenant's partitions, every column. */
async function sequentialEntries(store: TableStore): Promise<Entry[]> {
  const rows = await listAll<{ data: string; etag: string }>(
    store.table("Entries"),
    tenantPartitionsFilter(tenant),
  );
  return rows.map((r) => ({ ...(JSON.parse(r.data) as NewEntry), etag: r.etag }));
}

const byKey = (a: Entry, b: Entry) => `${a.orgId}/${a.id}`.localeCompare(`${b.orgId}/${b.id}`);

describe("directory snapshot load (parallel ranges, data column only)", function () {
  this.timeout(60_000);
  let store: TableStore;
  let stores: DirectoryStores;

  before(async () => {
    ({ store } = await testStore());
    await store.ensureTables(DIRECTORY_TABLES);
    stores = createDirectoryStores(store);
    await importListing(stores, tenant, readFileSync(SEED_LISTING_PATH, "utf8"), {
      actor: { userId: "t", name: "t" },
    });
    const orgIds = (await stores.organisations.list(tenant)).map((o) => o.id);
    // Every range of organisation ids, and a partition whose organisation row does not exist.
    const extraOrgs = [...orgIds, "0-numeroalku", "zz-ei-organisaatiota"];
    const writes = new Map<string, NewEntry[]>();
    for (let i = 0; i < 3000; i++) {
      const orgId = extraOrgs[i % extraOrgs.length]!;
      writes.set(orgId, [...(writes.get(orgId) ?? []), entry(i, orgId)]);
    }
    for (const [orgId, list] of writes) {
      await stores.entries.writeBatch(
        tenant,
        orgId,
        list.map((value) => ({ kind: "create", value })),
      );
    }
    await stores.memberships.put(tenant, { userId: "U1", orgIds: ["vm"], updatedAt: AT, updatedBy: "t" });
  });

  it("reads the same entries, with their ETags, as one sequential read of every column", async () => {
    const parallel = await stores.entries.list(tenant);
    const sequential = await sequentialEntries(store);
    assert.ok(sequential.length > 3000);
    assert.deepEqual(parallel.sort(byKey), sequential.sort(byKey));
  });

  it("builds the same snapshot: organisations, memberships, listing order and search results", async () => {
    const loaded = await new DirectoryReadModel(stores).snapshot(tenant);
    const expected = TenantSnapshot.from(
      0,
      await stores.organisations.list(tenant),
      await sequentialEntries(store),
      await stores.memberships.list(tenant),
    );
    assert.deepEqual([...loaded.orgs].sort(), [...expected.orgs].sort());
    assert.deepEqual([...loaded.memberships], [...expected.memberships]);
    const keys = (list: Entry[]) => list.map((e) => `${e.orgId}/${e.id}`);
    assert.deepEqual(keys(loaded.inListingOrder()), keys(expected.inListingOrder()));
    for (const q of ["Saimaa", "lapin", "luottamus osallisuus", "eratauko", "teema 3", "2024"]) {
      const found = loaded.index.search(q);
      assert.ok(found && found.size > 0, q);
      assert.deepEqual([...found].sort(), [...expected.index.search(q)!].sort(), q);
    }
  });

  it("keeps an entry written by this instance while the rows were being read", async () => {
    const held = holdEntryListing(stores);
    const model = new DirectoryReadModel(held.stores);
    const loading = model.snapshot(tenant);
    const written = await stores.entries.create(tenant, {
      ...entry(99_999, "vm"),
      title: "Kesken latauksen",
    });
    model.putEntry(tenant, written);
    held.release();
    const snapshot = await loading;
    assert.equal(snapshot.getEntry("vm", written.id)?.title, "Kesken latauksen");
    assert.deepEqual([...snapshot.index.search("kesken latauksen")!.keys()], [`vm/${written.id}`]);
    assert.equal(snapshot.entries.size, (await sequentialEntries(store)).length);
  });
});
