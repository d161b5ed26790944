import assert from "node:assert/strict";
import { SSO_APP_ID_URI, SSO_CLIENT_ID, type SsoMintOptions } from "../../testing/sso";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

/**
 * Only a user's delegated token for this API, obtained by Teams (or a configured client), passes:
 * exact audience, `access_as_user` scope, no app-only or ID tokens, allowed `azp`/`appid`.
 * Issue #15 item 4.
 */
describe("security: Teams SSO token matrix", () => {
  let t: DirectoryTestApp;
  const EXTRA_CLIENT = "9a9a9a9a-0000-4000-8000-000000000009";
  before(async () => {
    t = await startDirectoryApp({ env: { SSO_EXTRA_CLIENT_APP_IDS: EXTRA_CLIENT } });
  });
  after(() => t.close());

  const me = async (o: SsoMintOptions) => (await t.call("/api/me", { token: await t.sso.mint(o) })).status;

  it("accepts the valid token: app id URI or bare client id, Teams desktop, web or a configured client", async () => {
    assert.equal(await me({}), 200);
    assert.equal(await me({ aud: SSO_CLIENT_ID }), 200);
    assert.equal(await me({ azp: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346" }), 200);
    assert.equal(await me({ azp: EXTRA_CLIENT }), 200);
    // v1 tokens name the client in `appid`.
    assert.equal(
      await me({ omit: ["azp"], extra: { appid: "1fec8e78-bce4-4aaf-ab1b-5451cc387264", ver: "1.0" } }),
      200,
    );
    assert.equal(await me({ scp: "User.Read access_as_user", extra: { idtyp: "user" } }), 200);
  });

  const bad: [string, SsoMintOptions][] = [
    ["an app id URI of another host", { aud: `api://evil.example/${SSO_CLIENT_ID}` }],
    ["an app id URI with a path before the client id", { aud: `api://localhost:53000/x/${SSO_CLIENT_ID}` }],
    ["api://<clientId> when not the configured URI", { aud: `api://${SSO_CLIENT_ID}` }],
    ["two audiences", { aud: [SSO_CLIENT_ID, "api://other"] as unknown as string }],
    ["Microsoft Graph as audience", { aud: "00000003-0000-0000-c000-000000000000" }],
    ["no scp (an ID token)", { omit: ["scp"], extra: { nonce: "n" } }],
    ["another scope", { scp: "User.Read" }],
    ["a scope that only contains the name", { scp: "access_as_user_admin" }],
    [
      "an app-only token (idtyp=app)",
      { omit: ["scp"], roles: ["Dialogi.Coordinator"], extra: { idtyp: "app" } },
    ],
    ["an app-only token (roles, no scp)", { omit: ["scp"], roles: ["Dialogi.Coordinator"] }],
    ["idtyp=app even with a scope", { extra: { idtyp: "app" } }],
    ["an unknown client app", { azp: "00000000-0000-4000-8000-0000000000ff" }],
    ["no azp or appid", { omit: ["azp"] }],
    ["the API's own client id as the caller", { azp: SSO_CLIENT_ID }],
  ];
  for (const [name, options] of bad) {
    it(`refuses ${name} (401)`, async () => {
      assert.equal(await me(options), 401);
      // The same token cannot write either.
      const res = await t.call("/api/directory/entries", {
        method: "POST",
        token: await t.sso.mint({ ...options, roles: [...(options.roles ?? []), "Dialogi.Coordinator"] }),
        body: { orgId: "vm", section: "done", title: "x" },
      });
      assert.equal(res.status, 401);
    });
  }

  it("uses the configured app id URI", () => {
    assert.equal(t.app.config.sso.appIdUri, SSO_APP_ID_URI);
  });
});
