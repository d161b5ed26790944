import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startAzurite, type AzuriteHandle } from "../../src/platform/tables/azurite";

describe("GET /api/health", () => {
  let azurite: AzuriteHandle;
  let app: TestApp;
  before(async () => {
    // A dedicated Azurite so stopping it does not disturb other tests.
    azurite = await startAzurite();
    app = await startTestApp({ connectionString: azurite.connectionString });
  });
  after(async () => {
    await app.close();
    await azurite.stop();
  });

  it("is 200 ok while the store answers, 503 when it stops, and recovers by itself", async () => {
    let res = await fetch(`${app.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });

    const port = azurite.port;
    await azurite.stop();
    res = await fetch(`${app.url}/api/health`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { status: string; reason: string };
    assert.equal(body.status, "unavailable");
    assert.match(body.reason, /store/);

    azurite = await startAzurite({ port });
    res = await fetch(`${app.url}/api/health`);
    assert.equal(res.status, 200);
  });

  it("sends security headers that let Teams frame the app", async () => {
    const res = await fetch(`${app.url}/api/health`);
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors[^;]*https:\/\/teams\.microsoft\.com/);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  });
});
