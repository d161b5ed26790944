import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createDirectory } from "../../src/features/directory/domain/directory";
import { importListing } from "../../src/features/directory/domain/listing/import-service";
import type { DirectoryStores } from "../../src/features/directory/domain/ports";
import type { Principal } from "../../src/features/directory/domain/types";
import { SEED_LISTING_PATH } from "../../src/features/directory/seed/seed-directory";
import { createDirectoryStores, DIRECTORY_TABLES } from "../../src/features/directory/store/directory-stores";
import { testStore } from "../../testing/azurite";

const tenant = "tenant-m";
const policy = { coordinators: [], membershipDomainRules: {} };
const coordinator: Principal = { userId: "c1", tenantId: tenant, name: "C1", coordinator: true, staffOf: [] };

/**
 * Membership changes on two instances (two directories over one store) whose reads of the row
 * are held until both have read it: the worst interleaving, made certain rather than likely.
 */
describe("directory memberships: read–decide–write by ETag across instances", () => {
  let stores: DirectoryStores;
  let orgs: [string, string];

  beforeEach(async () => {
    const { store } = await testStore();
    await store.ensureTables(DIRECTORY_TABLES);
    stores = createDirectoryStores(store);
    await importListing(stores, tenant, readFileSync(SEED_LISTING_PATH, "utf8"), {
      actor: { userId: "t", name: "t" },
    });
    const ids = (await stores.organisations.list(tenant)).map((o) => o.id);
    orgs = [ids[0]!, ids[1]!];
  });

  /** Stores whose first `n` membership reads wait until all `n` have been made. */
  function heldReads(n: number): DirectoryStores {
    let waiting: (() => void)[] = [];
    let left = n;
    return {
      ...stores,
      memberships: {
        ...stores.memberships,
        get: async (t, userId) => {
          const row = await stores.memberships.get(t, userId);
          if (left > 0) {
            left--;
            await new Promise<void>((r) => {
              waiting.push(r);
              if (left === 0) {
                for (const w of waiting) w();
                waiting = [];
              }
            });
          }
          return row;
        },
      },
    };
  }

  it("two grants of the same person at once both stay", async () => {
    const held = heldReads(2);
    const a = createDirectory(held, { policy });
    const b = createDirectory(held, { policy });
    await Promise.all([
      a.admin.grant(coordinator, { user: "person-1", orgId: orgs[0] }),
      b.admin.grant(coordinator, { user: "person-1", orgId: orgs[1] }),
    ]);
    const stored = await stores.memberships.get(tenant, "person-1");
    assert.deepEqual(stored?.membership.orgIds, [...orgs].sort());
  });

  it("a revoke and a grant at once: the revoked organisation goes, the granted one stays", async () => {
    await createDirectory(stores, { policy }).admin.grant(coordinator, { user: "person-2", orgId: orgs[0] });
    const held = heldReads(2);
    const a = createDirectory(held, { policy });
    const b = createDirectory(held, { policy });
    await Promise.all([
      a.admin.revoke(coordinator, { userId: "person-2", orgId: orgs[0] }),
      b.admin.grant(coordinator, { user: "person-2", orgId: orgs[1] }),
    ]);
    const stored = await stores.memberships.get(tenant, "person-2");
    assert.deepEqual(stored?.membership.orgIds, [orgs[1]]);
  });
});
