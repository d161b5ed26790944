import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { DEV_TENANT } from "../../src/platform/auth/tenancy";
import { startAppProcess } from "../../testing/app-process";
import { sharedAzurite, uniquePrefix } from "../../testing/azurite";
import { SSO_TENANT } from "../../testing/sso";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

/**
 * Local mode (no Bot Framework auth, dev sign-in) is an explicit opt-in that only runs where
 * nobody else can reach it; everything else needs an app id. Issue #15 item 2.
 */
describe("security: local mode is opt-in and loopback-only", () => {
  const LOCAL = { LOCAL_MODE: "true" };
  const SECRET = { LINK_SIGNING_SECRET: "s".repeat(32) };
  const refuses = (env: Record<string, string>, pattern: RegExp, local = false) =>
    assert.throws(
      () => loadConfig(env, { local }),
      (err: unknown) => err instanceof ConfigError && pattern.test((err as Error).message),
      `expected ${pattern} for ${JSON.stringify(env)}`,
    );

  it("refuses to start without an app id unless local mode was chosen (NODE_ENV unset)", () => {
    refuses({}, /MicrosoftAppId.*required.*--local.*LOCAL_MODE=true/s);
    refuses({ NODE_ENV: "development", ...SECRET }, /MicrosoftAppId/);
  });

  it("runs locally with LOCAL_MODE=true or --local on a loopback HOST", () => {
    for (const c of [
      loadConfig(LOCAL),
      loadConfig({}, { local: true }),
      loadConfig({ ...LOCAL, HOST: "::1", PUBLIC_URL: "http://127.0.0.1:3978" }),
      loadConfig({ ...LOCAL, HOST: "localhost", PUBLIC_URL: "http://localhost:3978/" }),
    ]) {
      assert.equal(c.localMode, true);
      assert.equal(c.bot.authEnabled, false);
      assert.equal(c.devSignIn, true);
    }
    // `npm start` (--local) knows its own address: cards get their links (issue #27 item 5).
    assert.equal(loadConfig({}, { local: true }).publicUrl, "http://127.0.0.1:3978");
    assert.equal(loadConfig({ PORT: "4000", HOST: "::1" }, { local: true }).publicUrl, "http://[::1]:4000");
    assert.equal(
      loadConfig({ PUBLIC_URL: "http://localhost:8443" }, { local: true }).publicUrl,
      "http://localhost:8443",
      "a set PUBLIC_URL wins",
    );
    assert.equal(loadConfig({ PORT: "0" }, { local: true }).publicUrl, undefined, "no port, no address");
    // Local mode with a real app id keeps bot auth on; dev sign-in can be switched off.
    const withApp = loadConfig({ ...LOCAL, MicrosoftAppId: "app", DEV_SIGNIN: "false" });
    assert.equal(withApp.bot.authEnabled, true);
    assert.equal(withApp.devSignIn, false);
  });

  const exposed: [string, Record<string, string>, RegExp][] = [
    ["HOST=0.0.0.0", { HOST: "0.0.0.0" }, /HOST=0\.0\.0\.0 is not a loopback/],
    ["a LAN HOST", { HOST: "192.168.1.10" }, /HOST=192\.168\.1\.10/],
    ["a public PUBLIC_URL", { PUBLIC_URL: "https://dialogi.example.fi" }, /PUBLIC_URL is public/],
    [
      "a dev tunnel PUBLIC_URL",
      { PUBLIC_URL: "https://abc123-3978.euw.devtunnels.ms" },
      /PUBLIC_URL points at a tunnel/,
    ],
    ["an ngrok PUBLIC_URL", { PUBLIC_URL: "https://a1b2.ngrok-free.app" }, /tunnel/],
    [
      "Teams Toolkit's tunnel BOT_ENDPOINT",
      { BOT_ENDPOINT: "https://abc123-3978.euw.devtunnels.ms" },
      /BOT_ENDPOINT points at a tunnel/,
    ],
    ["Teams Toolkit's BOT_DOMAIN", { BOT_DOMAIN: "abc123-3978.euw.devtunnels.ms" }, /BOT_DOMAIN/],
    ["a public TAB_ENDPOINT", { TAB_ENDPOINT: "https://tab.example.fi" }, /TAB_ENDPOINT is public/],
    ["App Service (WEBSITE_SITE_NAME)", { WEBSITE_SITE_NAME: "dialogi-dev01" }, /App Service/],
    ["App Service (WEBSITE_INSTANCE_ID)", { WEBSITE_INSTANCE_ID: "abc" }, /App Service/],
    ["NODE_ENV=production", { NODE_ENV: "production", MicrosoftAppId: "x" }, /NODE_ENV=production/],
  ];
  for (const [name, env, pattern] of exposed) {
    it(`refuses local mode with ${name}, saying why`, () => {
      refuses({ ...LOCAL, ...env }, pattern);
      refuses(env, pattern, true); // --local as well
      refuses({ ...LOCAL, ...env }, /LOCAL_MODE: refused.*loopback HOST without a public URL or tunnel/s);
    });
  }

  it("refuses dev sign-in and BOT_AUTH=off outside local mode", () => {
    refuses({ MicrosoftAppId: "x", ...SECRET, DEV_SIGNIN: "true" }, /DEV_SIGNIN: .*local mode/);
    refuses({ MicrosoftAppId: "x", ...SECRET, BOT_AUTH: "off" }, /BOT_AUTH=off: .*local mode/);
    const c = loadConfig({ MicrosoftAppId: "x", ...SECRET });
    assert.equal(c.devSignIn, false);
    assert.equal(c.bot.authEnabled, true);
  });

  it("the npm scripts that start the app pass the local opt-in themselves", () => {
    const root = path.resolve(__dirname, "..", "..", "..");
    const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
    assert.match(scripts.start, /main\.js --local$/);
    assert.match(scripts.dev, /main\.ts --local$/);
    assert.match(readFileSync(path.join(root, "bench/sections/startup.ts"), "utf8"), /"--local"/);
  });

  describe("the entry point (bot/src/main.ts)", function () {
    // A tsx child process: slow to start on a busy 2-core machine.
    this.timeout(90_000);
    it("exits with a clear message when there is no app id and no --local", async () => {
      const { connectionString } = await sharedAzurite();
      await assert.rejects(
        startAppProcess({
          connectionString,
          prefix: uniquePrefix(),
          env: { LOCAL_MODE: "", DEV_SIGNIN: "" },
          startTimeoutMs: 60_000,
        }),
        /app exited with 1: .*MicrosoftAppId \(or BOT_ID\): required.*npm start/s,
      );
    });

    it("starts with --local (what `npm start` passes) and serves dev sign-in", async () => {
      const { connectionString } = await sharedAzurite();
      const app = await startAppProcess({
        connectionString,
        prefix: uniquePrefix(),
        env: { LOCAL_MODE: "", DEV_SIGNIN: "" },
        args: ["--local"],
        startTimeoutMs: 60_000,
      });
      try {
        const res = await fetch(`${app.url}/api/auth/config`);
        assert.equal(((await res.json()) as { devSignIn: boolean }).devSignIn, true);
      } finally {
        await app.stop();
      }
    });
  });

  describe("dev sign-in personas", () => {
    let t: DirectoryTestApp;
    before(async () => {
      t = await startDirectoryApp();
    });
    after(() => t.close());

    it("live in a fixed dev tenant, never the real AAD_APP_TENANT_ID", async () => {
      assert.equal(t.app.config.sso.tenantId, SSO_TENANT);
      const res = await t.call<{ principal: { tenantId: string } }>("/api/auth/dev-signin", {
        method: "POST",
        body: { persona: "coordinator" },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.principal.tenantId, DEV_TENANT);
      assert.notEqual(res.body.principal.tenantId, SSO_TENANT);
    });
  });
});
