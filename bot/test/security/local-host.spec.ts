import assert from "node:assert/strict";
import http from "node:http";
import { startTestApp, type TestApp } from "../../testing/app";

/** A raw request with the Host header a browser would send for `host` (fetch would not let us set it). */
function request(base: string, method: string, path: string, host: string | undefined) {
  const url = new URL(base);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    const req = http.request(
      { hostname: url.hostname, port: url.port, method, path, headers, setHost: host === undefined },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    if (host !== undefined) req.setHeader("host", host);
    req.on("error", reject);
    req.end(method === "POST" ? "{}" : undefined);
  });
}

/**
 * Issue #26 item 7: in local mode the server answers only loopback names with its own port, so a
 * web page that rebinds its own name to 127.0.0.1 cannot reach /dev/outbox, dev sign-in or
 * /api/messages (which run without authentication there).
 */
describe("security: local mode answers only its loopback Host (DNS rebinding)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let port = "";
  before(async () => {
    app = await startTestApp({ env: { PUBLIC_REGISTRATION: "true" } });
    port = new URL(app.url).port;
  });
  after(() => app.close());

  const paths: [string, string][] = [
    ["GET", "/dev/outbox"],
    ["GET", "/api/health"],
    ["POST", "/api/messages"],
    ["POST", "/api/auth/dev-signin"],
    ["GET", "/"],
  ];

  it("refuses Host: evil.example (and other ports, and no Host) with 421 before any route runs", async () => {
    for (const [method, path] of paths) {
      for (const host of [
        "evil.example",
        `evil.example:${port}`,
        "localhost:1",
        "127.0.0.1.evil.example",
        "",
      ]) {
        const res = await request(app.url, method, path, host);
        assert.equal(res.status, 421, `${method} ${path} with Host "${host}"`);
        assert.doesNotMatch(res.body, /outbox|token|dialogi/i);
      }
    }
  });

  it("answers localhost, 127.0.0.1 and [::1] with its own port", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      const res = await request(app.url, "GET", "/api/health", host);
      assert.equal(res.status, 200, host);
    }
    const outbox = await request(app.url, "GET", "/dev/outbox", `localhost:${port}`);
    assert.equal(outbox.status, 200);
  });
});
