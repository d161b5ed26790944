import assert from "node:assert/strict";
import { request } from "node:http";
import { ConfigError, loadConfig } from "../../src/config";
import { startTestApp, type TestApp } from "../../testing/app";
import { tracked } from "../reliability/report";
import restify from "restify";
import { clientAddress } from "../../src/platform/http/proxy";

const GROUP = "security/http";

/** A GET with arbitrary headers; `fetch` would refuse to let us forge Host-like headers freely. */
function get(url: string, headers: Record<string, string> = {}): Promise<Record<string, string | string[]>> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.headers as Record<string, string | string[]>));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Configuration of a deployed app (an app id, so not local mode). */
const cfg = (env: Record<string, string>) => loadConfig({ MicrosoftAppId: "hsts-test-app", ...env });
/** A test app that is not in local mode (local mode refuses production and public URLs). */
const DEPLOYED = {
  LOCAL_MODE: "false",
  DEV_SIGNIN: "false",
  MicrosoftAppId: "hsts-test-app",
  LINK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
};

describe("security: HSTS behind App Service and proxy trust", function () {
  this.timeout(30_000);
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await startTestApp({ env: { LOG_LEVEL: "error", ...env } });
    apps.push(app);
    return app;
  };
  after(async () => {
    for (const app of apps) await app.close();
  });

  it("reads TRUST_PROXY (true/appservice/false) and refuses anything else, naming the variable", () => {
    assert.equal(cfg({}).trustProxy, false);
    assert.equal(cfg({ TRUST_PROXY: "appservice" }).trustProxy, true);
    assert.equal(cfg({ TRUST_PROXY: "true" }).trustProxy, true);
    assert.equal(cfg({ TRUST_PROXY: "false" }).trustProxy, false);
    assert.throws(
      () => cfg({ TRUST_PROXY: "yes-please" }),
      (e: Error) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /TRUST_PROXY/);
        return true;
      },
    );
    assert.equal(cfg({}).hsts, false);
    assert.equal(cfg({ PUBLIC_URL: "https://dialogi.example.org" }).hsts, true);
    assert.equal(cfg({ PUBLIC_URL: "http://127.0.0.1:3978" }).hsts, false);
  });

  it(
    "sends Strict-Transport-Security on every response in production even though TLS ended before the app",
    tracked(GROUP, async () => {
      const app = await start({ ...DEPLOYED, NODE_ENV: "production" });
      for (const p of ["/api/health", "/", "/api/series"]) {
        const h = await get(`${app.url}${p}`);
        assert.match(String(h["strict-transport-security"]), /^max-age=31536000/, p);
      }
    }),
  );

  it(
    "sends HSTS when PUBLIC_URL is https; otherwise only for X-Forwarded-Proto: https from a trusted proxy",
    tracked(GROUP, async () => {
      const httpsUrl = await start({ ...DEPLOYED, PUBLIC_URL: "https://dialogi.example.org" });
      assert.match(String((await get(`${httpsUrl.url}/api/health`))["strict-transport-security"]), /max-age/);

      const direct = await start({});
      const forged = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" };
      assert.equal((await get(`${direct.url}/api/health`))["strict-transport-security"], undefined);
      // Without TRUST_PROXY the header is the client's word: ignored.
      assert.equal((await get(`${direct.url}/api/health`, forged))["strict-transport-security"], undefined);

      const proxied = await start({ TRUST_PROXY: "appservice" });
      assert.equal((await get(`${proxied.url}/api/health`))["strict-transport-security"], undefined);
      const viaFrontEnd = await get(`${proxied.url}/api/health`, forged);
      assert.match(String(viaFrontEnd["strict-transport-security"]), /max-age=31536000/);
      // The proxy appends its own value; a client-sent "https" before it does not count.
      const spoofed = await get(`${proxied.url}/api/health`, { "x-forwarded-proto": "https, http" });
      assert.equal(spoofed["strict-transport-security"], undefined);
    }),
  );

  it("takes the client address from X-Forwarded-For only with TRUST_PROXY (App Service's ip:port entry)", async () => {
    const server = restify.createServer();
    server.get("/ip/:trust", async (req, res) => {
      res.send(200, { ip: clientAddress(req, { trustProxy: req.params.trust === "yes" }) ?? null });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${server.address().port}`;
    const ip = async (trust: string, xff?: string) =>
      (
        (await (
          await fetch(`${base}/ip/${trust}`, { headers: xff ? { "x-forwarded-for": xff } : {} })
        ).json()) as {
          ip: string;
        }
      ).ip;
    try {
      assert.equal(await ip("no", "203.0.113.9"), "127.0.0.1");
      assert.equal(await ip("yes", "198.51.100.1, 203.0.113.9:50312"), "203.0.113.9");
      assert.equal(await ip("yes", "[2001:db8::1]:443"), "2001:db8::1");
      assert.equal(await ip("yes"), "127.0.0.1");
    } finally {
      server.close();
    }
  });
});
