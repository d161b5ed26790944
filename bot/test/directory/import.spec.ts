import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { importListing } from "../../src/features/directory/domain/listing/import-service";
import type { DirectoryStores } from "../../src/features/directory/domain/ports";
import { seedDirectoryIfEmpty, SEED_LISTING_PATH } from "../../src/features/directory/seed/seed-directory";
import { createDirectoryStores, DIRECTORY_TABLES } from "../../src/features/directory/store/directory-stores";
import type { TableStore } from "../../src/platform/tables/table-store";
import { testStore } from "../../testing/azurite";

const SEED = readFileSync(SEED_LISTING_PATH, "utf8");
const actor = { userId: "cli", name: "import test" };

describe("listing import into Azure Tables", () => {
  let store: TableStore;
  let stores: DirectoryStores;
  const tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  beforeEach(async () => {
    ({ store } = await testStore());
    await store.ensureTables(DIRECTORY_TABLES);
    stores = createDirectoryStores(store);
  });

  it("imports the seed: 10 organisations, 46 entries, audit rows; a second run changes nothing", async () => {
    const first = await importListing(stores, tenant, SEED, { actor });
    assert.equal(first.written, true);
    assert.deepEqual(first.organisations, { created: 10, updated: 0, unchanged: 0, kept: 0 });
    assert.deepEqual(first.entries, { created: 46, updated: 0, unchanged: 0, kept: 0 });
    assert.equal(first.changes, 56);
    assert.equal((await stores.organisations.list(tenant)).length, 10);
    const entries = await stores.entries.list(tenant);
    assert.equal(entries.length, 46);
    assert.ok(entries.every((e) => e.status === "published" && e.etag));
    const sm = await stores.organisations.get(tenant, "sm");
    assert.equal(sm?.listingMissing, true);

    const saimaa = entries.find((e) => e.title === "Saimaadialogit")!;
    const history = await stores.audit.history(tenant, "mmm", saimaa.id);
    assert.equal(history.length, 1);
    assert.equal(history[0]!.action, "import");
    assert.equal(history[0]!.by.name, "import test");
    assert.equal((history[0]!.after as { title: string }).title, "Saimaadialogit");

    const second = await importListing(stores, tenant, SEED, { actor });
    assert.equal(second.changes, 0);
    assert.equal(second.written, false);
    assert.deepEqual(second.entries, { created: 0, updated: 0, unchanged: 46, kept: 0 });
    assert.equal((await stores.entries.list(tenant)).length, 46);
    assert.equal((await stores.audit.history(tenant, "mmm", saimaa.id)).length, 1);
  });

  it("writes nothing when any line is broken, and reports the line", async () => {
    const broken = SEED.replace(" • Demokratiapäivä 2020\n", " • Demokratiapäivä 2020\nrivitetty jatko\n");
    const report = await importListing(stores, tenant, broken, { actor });
    assert.equal(report.written, false);
    assert.deepEqual(
      report.problems.map((p) => p.code),
      ["brokenLine"],
    );
    assert.equal(report.problems[0]!.line, 87);
    assert.equal((await stores.organisations.list(tenant)).length, 0);
    assert.equal((await stores.entries.list(tenant)).length, 0);
  });

  it("keeps rows edited since the import unless asked to overwrite", async () => {
    await importListing(stores, tenant, SEED, { actor });
    const vm = (await stores.entries.list(tenant)).find((e) => e.title === "Demokratiapäivä 2020")!;
    const { etag, ...rest } = vm;
    await stores.entries.replace(tenant, { ...rest, themes: ["edited in the app"] }, etag);

    const kept = await importListing(stores, tenant, SEED, { actor });
    assert.equal(kept.entries.kept, 1);
    assert.equal(kept.changes, 0);
    assert.deepEqual((await stores.entries.get(tenant, "vm", vm.id))!.themes, ["edited in the app"]);

    const overwritten = await importListing(stores, tenant, SEED, { actor, overwrite: true });
    assert.equal(overwritten.entries.updated, 1);
    assert.deepEqual((await stores.entries.get(tenant, "vm", vm.id))!.themes, vm.themes);
  });

  it("keeps tenants apart", async () => {
    await importListing(stores, tenant, SEED, { actor });
    assert.equal((await stores.organisations.list("other-tenant")).length, 0);
    assert.equal((await stores.entries.list("other-tenant")).length, 0);
  });

  it("seeds only an empty directory", async () => {
    const first = await seedDirectoryIfEmpty(store, { tenantId: tenant });
    assert.equal(first?.entries.created, 46);
    assert.equal(await seedDirectoryIfEmpty(store, { tenantId: tenant }), undefined);

    const file = path.join(os.tmpdir(), `listing-${process.pid}.txt`);
    writeFileSync(file, "Valtiovarainministeriö\n\n • Yksi dialogi 2024\n");
    const other = await seedDirectoryIfEmpty(store, { tenantId: "t2", listingPath: file });
    assert.equal(other?.entries.created, 1);
  });
});
