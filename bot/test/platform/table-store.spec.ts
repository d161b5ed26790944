import assert from "node:assert/strict";
import { testStore } from "../../testing/azurite";

describe("table store on Azurite", () => {
  it("creates tables idempotently and round-trips an entity", async () => {
    const { store } = await testStore();
    await store.ensureTables(["Things"]);
    await store.ensureTables(["Things"]);
    await store.table("Things").upsertEntity({ partitionKey: "p", rowKey: "r", value: "x" });
    const got = await store.table("Things").getEntity<{ value: string }>("p", "r");
    assert.equal(got.value, "x");
    await store.ping();
  });
});
