import assert from "node:assert/strict";
import { SignJWT } from "jose";
import { OTHER_TENANT, SSO_CLIENT_ID, SSO_TENANT } from "../../../testing/sso";
import { DEV_TENANT } from "../../../src/platform/auth/tenancy";
import { startDirectoryApp, type DirectoryTestApp } from "./helpers";

describe("directory API authentication", () => {
  let t: DirectoryTestApp;
  before(async () => {
    t = await startDirectoryApp();
  });
  after(() => t.close());

  const me = (token?: string) => t.call<Record<string, unknown>>("/api/me", { token });

  it("accepts a valid Teams SSO token and returns the principal", async () => {
    const token = await t.sso.mint({
      oid: "0a0a0a0a-0000-4000-8000-00000000000a",
      name: "Maija Meikäläinen",
    });
    const res = await me(token);
    assert.equal(res.status, 200);
    assert.equal(res.body.userId, "0a0a0a0a-0000-4000-8000-00000000000a");
    assert.equal(res.body.tenantId, SSO_TENANT);
    assert.equal(res.body.name, "Maija Meikäläinen");
    assert.equal(res.body.coordinator, false);
    assert.deepEqual(res.body.staffOf, []);
    assert.equal(res.body.dev, undefined);
  });

  it("accepts the bare client id and the v1 issuer form", async () => {
    const token = await t.sso.mint({ aud: SSO_CLIENT_ID, iss: `https://sts.windows.net/${SSO_TENANT}/` });
    assert.equal((await me(token)).status, 200);
  });

  it("makes holders of the Dialogi.Coordinator app role coordinators", async () => {
    const token = await t.sso.mint({ roles: ["Dialogi.Coordinator"] });
    assert.equal((await me(token)).body.coordinator, true);
    const other = await t.sso.mint({ roles: ["Dialogi.Reader"] });
    assert.equal((await me(other)).body.coordinator, false);
  });

  const rejected: [string, () => Promise<string | undefined>][] = [
    ["no token", async () => undefined],
    ["a malformed header", async () => "not-a-jwt"],
    ["an expired token", () => t.sso.mint({ expiresIn: -3600 })],
    ["a token not valid yet", () => t.sso.mint({ notBefore: 3600 })],
    [
      "a wrong audience",
      () => t.sso.mint({ aud: "api://localhost:53000/00000000-0000-4000-8000-000000000000" }),
    ],
    [
      "an audience that only contains the client id",
      () => t.sso.mint({ aud: `api://evil/${SSO_CLIENT_ID}x` }),
    ],
    ["a wrong tenant", () => t.sso.mint({ tid: OTHER_TENANT })],
    [
      "an issuer of another tenant",
      () => t.sso.mint({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
    ],
    ["an unsigned token (alg none)", async () => t.sso.unsigned()],
    ["a token signed with a foreign key", () => t.sso.mint({ foreignKey: true })],
    ["a token without oid", () => t.sso.mint({ omit: ["oid"] })],
    [
      "an HS256 token signed with a guessed secret",
      () =>
        new SignJWT({ oid: "x", tid: SSO_TENANT, dev: true, persona: "coordinator" })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuer("urn:dialogi:dev-signin")
          .setAudience("urn:dialogi:directory")
          .setExpirationTime("1h")
          .sign(new TextEncoder().encode("guess")),
    ],
  ];
  for (const [name, token] of rejected) {
    it(`answers 401 for ${name}`, async () => {
      const res = await me(await token());
      assert.equal(res.status, 401);
      assert.equal(res.body.error, "unauthorized");
      assert.equal(res.body.message, "Sign in to continue.");
      assert.match(res.headers.get("www-authenticate") ?? "", /^Bearer/);
    });
  }

  it("protects every directory route", async () => {
    for (const path of [
      "/api/directory/organisations",
      "/api/directory/organisations/vm",
      "/api/directory/entries?q=dialogi",
      "/api/directory/moderation",
      "/api/directory/memberships",
      "/api/directory/export.csv",
      "/api/directory/export.json",
    ]) {
      assert.equal((await t.call(path)).status, 401, path);
    }
    const post = await t.call("/api/directory/entries", { method: "POST", body: { orgId: "vm" } });
    assert.equal(post.status, 401);
  });

  it("translates the 401 message from Accept-Language", async () => {
    assert.equal((await t.call("/api/me", { lang: "fi-FI" })).body.message, "Kirjaudu sisään jatkaaksesi.");
    assert.equal((await t.call("/api/me", { lang: "sv" })).body.message, "Logga in för att fortsätta.");
  });

  it("publishes the client id and the dev personas without a token", async () => {
    const res = await t.call<{ clientId: string; devSignIn: boolean; personas: { id: string }[] }>(
      "/api/auth/config",
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.clientId, SSO_CLIENT_ID);
    assert.equal(res.body.devSignIn, true);
    assert.deepEqual(
      res.body.personas.map((p) => p.id),
      ["reader", "staff-vm", "coordinator"],
    );
  });

  it("signs in dev personas with clearly marked principals", async () => {
    const res = await t.call<{ token: string; principal: Record<string, unknown> }>("/api/auth/dev-signin", {
      method: "POST",
      body: { persona: "staff-vm" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.principal.dev, true);
    assert.deepEqual(res.body.principal.staffOf, ["vm"]);
    assert.equal(res.body.principal.tenantId, DEV_TENANT);
    const coordinator = await me(await t.signIn("coordinator"));
    assert.equal(coordinator.body.coordinator, true);
    const bad = await t.call("/api/auth/dev-signin", { method: "POST", body: { persona: "admin" } });
    assert.equal(bad.status, 400);
  });
});

describe("directory API authentication without dev sign-in", () => {
  let t: DirectoryTestApp;
  before(async () => {
    t = await startDirectoryApp({ env: { DEV_SIGNIN: "false", DEV_TOKEN_SECRET: "s".repeat(32) } });
  });
  after(() => t.close());

  it("hides dev sign-in and refuses dev tokens signed with the real secret", async () => {
    const config = await t.call<{ devSignIn: boolean; personas: unknown[] }>("/api/auth/config");
    assert.equal(config.body.devSignIn, false);
    assert.deepEqual(config.body.personas, []);
    assert.equal(
      (await t.call("/api/auth/dev-signin", { method: "POST", body: { persona: "reader" } })).status,
      404,
    );
    const { signDevToken, DEV_PERSONAS } = await import("../../../src/platform/auth/dev-tokens");
    const forged = await signDevToken(DEV_PERSONAS[2]!, SSO_TENANT, "s".repeat(32));
    assert.equal((await t.call("/api/me", { token: forged })).status, 401);
    assert.equal((await t.call("/api/me", { token: await t.sso.mint() })).status, 200);
  });
});

describe("directory API authentication, multi-tenant", () => {
  let t: DirectoryTestApp;
  before(async () => {
    t = await startDirectoryApp({ env: { AAD_APP_TENANT_ID: "organizations" } });
  });
  after(() => t.close());

  it("accepts any tenant and scopes the directory to the caller's tenant", async () => {
    const other = await t.call<{ tenantId: string }>("/api/me", {
      token: await t.sso.mint({ tid: OTHER_TENANT }),
    });
    assert.equal(other.status, 200);
    assert.equal(other.body.tenantId, OTHER_TENANT);
    // The seed went to the home (dev) tenant: another tenant starts with an empty directory.
    const orgs = await t.call<{ items: unknown[] }>("/api/directory/organisations", {
      token: await t.sso.mint({ tid: OTHER_TENANT }),
    });
    assert.equal(orgs.body.items.length, 0);
    const dev = await t.call<{ items: unknown[] }>("/api/directory/organisations", {
      token: await t.signIn("reader"),
    });
    assert.equal(dev.body.items.length, 10);
  });
});
