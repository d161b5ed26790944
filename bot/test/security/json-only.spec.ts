import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";
import { translator, type Language } from "../../src/platform/i18n/i18n";
import { tracked } from "../reliability/report";
import { PUBLIC_FORM_PATHS } from "../../src/features/public-registration";

const GROUP = "security/http";
const WRITE = new Set(["post", "put", "patch"]);
const THREE_MB = 3 * 1024 * 1024;

/** Every registered POST/PUT/PATCH route with its parameters filled in (`:orgId` → `x`). */
function writeRoutes(t: DirectoryTestApp): { method: string; path: string }[] {
  const routes = Object.values(t.app.app.server.getDebugInfo().routes) as { method: string; path: string }[];
  return routes
    .filter((r) => WRITE.has(r.method))
    .map((r) => ({ method: r.method.toUpperCase(), path: String(r.path).replace(/:[A-Za-z]+/g, "x") }));
}

/** A multipart/form-data body with one file field of `size` bytes. */
function multipart(size: number): { body: Buffer; type: string } {
  const boundary = "----dialogi-test-boundary";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head),
    Buffer.alloc(size, 0x61),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe("security: every route takes JSON only, within the size limit", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let token: string;
  let uploads: string;
  const savedTmp = process.env.TMPDIR;
  before(async () => {
    // Uploads would land in os.tmpdir(): point it at a folder of our own so other processes'
    // temp files cannot make the check pass or fail.
    uploads = mkdtempSync(path.join(tmpdir(), "dialogi-uploads-"));
    process.env.TMPDIR = uploads;
    t = await startDirectoryApp();
    token = await t.signIn("staff-vm");
  });
  after(async () => {
    await t?.close();
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(uploads, { recursive: true, force: true });
  });

  const send = async (method: string, p: string, body: Buffer | string, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${p}`, {
      method,
      body,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
    const text = await res.text();
    let json: { error?: string; message?: string } = {};
    try {
      json = JSON.parse(text);
    } catch {
      // asserted below
    }
    return { status: res.status, json, text };
  };

  it(
    "finds the write routes to check (bot endpoint, directory, series, peer)",
    tracked(GROUP, async () => {
      const paths = writeRoutes(t).map((r) => r.path);
      for (const p of ["/api/messages", "/api/directory/entries", "/api/series"])
        assert.ok(paths.includes(p), `${p} in ${paths}`);
      assert.ok(
        paths.some((p) => p.startsWith("/api/peer")),
        `a peer route in ${paths}`,
      );
    }),
  );

  it(
    "answers a 3 MB multipart upload with a translated 415 on every write route and writes nothing to disk",
    tracked(GROUP, async () => {
      const { body, type } = multipart(THREE_MB);
      const langs: Language[] = ["fi", "sv", "en"];
      const routes = writeRoutes(t);
      for (const [i, r] of routes.entries()) {
        const lang = langs[i % 3]!;
        const res = await send(r.method, r.path, body, { "content-type": type, "accept-language": lang });
        const where = `${r.method} ${r.path}`;
        assert.equal(res.status, 415, `${where}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.equal(res.json.error, "unsupportedMediaType", where);
        assert.equal(res.json.message, translator(lang, "common")("unsupportedMediaType"), where);
      }
      assert.deepEqual(readdirSync(uploads), [], "no upload file left in the temp folder");
      return `json-only: ${routes.length} write routes`;
    }),
  );

  it(
    "refuses forms, plain text, octet streams and compressed bodies with 415; oversize JSON with a translated 413",
    tracked(GROUP, async () => {
      for (const r of writeRoutes(t)) {
        const where = `${r.method} ${r.path}`;
        // The public registration page's no-script form posts are the one declared exception.
        const formPage = PUBLIC_FORM_PATHS.some((p) => p.test(r.path));
        const types = ["text/plain", "application/octet-stream"];
        if (!formPage) types.push("application/x-www-form-urlencoded");
        for (const type of types) {
          const res = await send(r.method, r.path, "a=b", { "content-type": type, "accept-language": "en" });
          assert.equal(res.status, 415, `${where} ${type}`);
          assert.equal(res.json.message, translator("en", "common")("unsupportedMediaType"));
        }
        const gz = await send(r.method, r.path, gzipSync(JSON.stringify({ a: "b".repeat(1000) })), {
          "content-type": "application/json",
          "content-encoding": "gzip",
        });
        assert.equal(gz.status, 415, `${where} gzip`);
        const big = await send(r.method, r.path, JSON.stringify({ text: "x".repeat(THREE_MB) }), {
          "content-type": "application/json",
          "accept-language": "sv",
        });
        assert.equal(big.status, 413, `${where} oversize JSON`);
        assert.equal(big.json.error, "tooLarge", where);
        assert.match(big.json.message ?? "", /för stor/, where);
      }
      assert.deepEqual(readdirSync(uploads), []);
    }),
  );

  it(
    "takes HTML form posts only on the public registration page's paths",
    tracked(GROUP, async () => {
      const formRoutes = writeRoutes(t).filter((r) => PUBLIC_FORM_PATHS.some((p) => p.test(r.path)));
      assert.ok(formRoutes.length >= 3, "the page's form routes are registered");
      for (const r of formRoutes) {
        const res = await send(r.method, r.path, "a=b", {
          "content-type": "application/x-www-form-urlencoded",
        });
        assert.notEqual(res.status, 415, `${r.method} ${r.path} takes a form`);
      }
      const other = await send("POST", "/api/directory/organisations", "a=b", {
        "content-type": "application/x-www-form-urlencoded",
      });
      assert.equal(other.status, 415, "an API route still refuses forms");
    }),
  );
});
