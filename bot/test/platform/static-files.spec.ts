import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { startTestApp, type TestApp } from "../../testing/app";
import { acceptedEncodings } from "../../src/platform/http/static-files";

/** A raw HTTP exchange (fetch would decode the body and hide Content-Encoding's effect). */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the built tab over HTTP (precompressed, ETag, 304, HEAD, caching)", () => {
  let dir: string;
  let app: TestApp;
  const js = Buffer.from(`export const words = ${JSON.stringify(Array(400).fill("dialogi").join(" "))};\n`);
  const html = Buffer.from(`<!doctype html><title>t</title>${"<p>hei</p>".repeat(100)}`);
  const br = brotliCompressSync(js);
  const gz = gzipSync(js, { level: 9 });

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "dialogi-tab-"));
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), html);
    writeFileSync(path.join(dir, "index.html.br"), brotliCompressSync(html));
    writeFileSync(path.join(dir, "assets", "app-AbC123.js"), js);
    writeFileSync(path.join(dir, "assets", "app-AbC123.js.br"), br);
    writeFileSync(path.join(dir, "assets", "app-AbC123.js.gz"), gz);
    writeFileSync(path.join(dir, "assets", "plain-XyZ.js"), "export {};\n");
    app = await startTestApp({ env: { TAB_DIST: dir } });
  });
  after(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const asset = () => `${app.url}/assets/app-AbC123.js`;

  it("sends brotli when accepted, gzip when only it is, identity otherwise — the same bytes decoded", async () => {
    const b = await request(asset(), { headers: { "accept-encoding": "gzip, deflate, br" } });
    assert.equal(b.status, 200);
    assert.equal(b.headers["content-encoding"], "br");
    assert.deepEqual(b.body, br);
    assert.equal(b.headers["content-length"], String(br.length));
    assert.equal(b.headers.vary, "Accept-Encoding");
    assert.equal(b.headers["content-type"], "text/javascript; charset=utf-8");

    const g = await request(asset(), { headers: { "accept-encoding": "gzip" } });
    assert.equal(g.headers["content-encoding"], "gzip");
    assert.deepEqual(g.body, gz);

    const refused = await request(asset(), { headers: { "accept-encoding": "br;q=0, gzip;q=0.5" } });
    assert.equal(refused.headers["content-encoding"], "gzip");

    const plain = await request(asset());
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.deepEqual(plain.body, js);
    assert.equal(plain.headers.vary, "Accept-Encoding");

    // Each representation has its own strong ETag.
    const etags = new Set([b, g, plain].map((r) => r.headers.etag));
    assert.equal(etags.size, 3);
    for (const e of etags) assert.match(e!, /^"[^"]+"$/);
  });

  it("answers If-None-Match with 304 and no body, and 200 for another representation's ETag", async () => {
    const first = await request(asset(), { headers: { "accept-encoding": "br" } });
    const again = await request(asset(), {
      headers: { "accept-encoding": "br", "if-none-match": first.headers.etag! },
    });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.headers["cache-control"], "public, max-age=31536000, immutable");

    const weak = await request(asset(), {
      headers: { "accept-encoding": "br", "if-none-match": `"other", W/${first.headers.etag}` },
    });
    assert.equal(weak.status, 304);

    const otherEncoding = await request(asset(), {
      headers: { "accept-encoding": "gzip", "if-none-match": first.headers.etag! },
    });
    assert.equal(otherEncoding.status, 200);
    assert.deepEqual(otherEncoding.body, gz);
  });

  it("changes the ETag when the file changes and never serves a precompressed file of other content", async () => {
    const before = await request(`${app.url}/`, { headers: { "accept-encoding": "br" } });
    assert.equal(before.headers["content-encoding"], "br");
    const changed = Buffer.from("<!doctype html><title>new</title>");
    writeFileSync(path.join(dir, "index.html"), changed);
    const after = await request(`${app.url}/`, {
      headers: { "accept-encoding": "br", "if-none-match": before.headers.etag! },
    });
    assert.equal(after.status, 200);
    assert.equal(after.headers["content-encoding"], undefined);
    assert.deepEqual(after.body, changed);
    assert.notEqual(after.headers.etag, before.headers.etag);
    writeFileSync(path.join(dir, "index.html"), html);
  });

  it("answers HEAD with the GET headers and no body", async () => {
    const head = await request(asset(), { method: "HEAD", headers: { "accept-encoding": "br" } });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers["content-length"], String(br.length));
    assert.equal(head.headers["content-encoding"], "br");
    assert.ok(head.headers.etag);
    const index = await request(`${app.url}/`, { method: "HEAD" });
    assert.equal(index.status, 200);
    assert.equal(index.headers["content-type"], "text/html; charset=utf-8");
    const missing = await request(`${app.url}/assets/none.js`, { method: "HEAD" });
    assert.equal(missing.status, 404);
  });

  it("never caches index.html, caches hashed assets for a year, keeps the security headers", async () => {
    const index = await request(`${app.url}/`, { headers: { "accept-encoding": "br" } });
    assert.equal(index.headers["cache-control"], "no-cache");
    assert.ok(index.headers.etag);
    const plain = await request(`${app.url}/assets/plain-XyZ.js`, { headers: { "accept-encoding": "br" } });
    assert.equal(plain.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.equal(plain.headers.vary, undefined, "nothing to vary on without precompressed files");
    for (const r of [index, plain]) {
      assert.match(String(r.headers["content-security-policy"]), /frame-ancestors/);
      assert.equal(r.headers["x-content-type-options"], "nosniff");
      assert.equal(r.headers["referrer-policy"], "strict-origin-when-cross-origin");
    }
  });

  it("refuses paths outside the tab and malformed paths", async () => {
    assert.equal((await request(`${app.url}/..%2F..%2Fetc%2Fpasswd`)).status, 404);
    const malformed = (await request(`${app.url}/assets/%E0%A4%A`)).status;
    assert.ok(malformed === 400 || malformed === 404, `malformed path → ${malformed}`);
  });

  it("parses Accept-Encoding with q-values and wildcards", () => {
    assert.deepEqual([...acceptedEncodings("br, gzip")].sort(), ["br", "gzip"]);
    assert.deepEqual([...acceptedEncodings("*")].sort(), ["br", "gzip"]);
    assert.deepEqual([...acceptedEncodings("*, br;q=0")], ["gzip"]);
    assert.deepEqual([...acceptedEncodings("x-gzip;q=0.3")], ["gzip"]);
    assert.deepEqual([...acceptedEncodings("identity")], []);
    assert.deepEqual([...acceptedEncodings(undefined)], []);
  });
});
