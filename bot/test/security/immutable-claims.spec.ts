import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../src/config";
import { resolvePrincipal } from "../../src/features/directory/domain/roles";
import { OTHER_TENANT, SSO_TENANT, type SsoMintOptions } from "../../testing/sso";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

/**
 * Rights come only from claims users cannot change: the object id, app roles and, for members
 * of the tenant (never guests), the verified UPN domain or tenant id. Issue #15 item 5.
 */
describe("security: authorisation on immutable claims", () => {
  const COORD_OID = "c0000000-0000-4000-8000-00000000c00d";
  let t: DirectoryTestApp;
  before(async () => {
    t = await startDirectoryApp({ env: { COORDINATORS: COORD_OID, MEMBERSHIP_DOMAIN_RULES: "om.fi=om" } });
  });
  after(() => t.close());

  const memberships = async (o: SsoMintOptions) =>
    (await t.call("/api/directory/memberships", { token: await t.sso.mint(o) })).status;
  const createOmEntry = async (o: SsoMintOptions) =>
    (
      await t.call("/api/directory/entries", {
        method: "POST",
        token: await t.sso.mint(o),
        body: { orgId: "om", section: "done", title: "Oikeusministeriön dialogi" },
      })
    ).status;

  it("makes coordinators by object id and by the Dialogi.Coordinator app role", async () => {
    assert.equal(await memberships({ oid: COORD_OID }), 200);
    assert.equal(await memberships({ roles: ["Dialogi.Coordinator"] }), 200);
  });

  it("refuses coordinator rights claimed through e-mail, name or group claims (403)", async () => {
    assert.equal(await memberships({ email: COORD_OID, name: COORD_OID }), 403);
    assert.equal(await memberships({ extra: { groups: ["c0c0c0c0-0000-4000-8000-000000000001"] } }), 403);
    assert.equal(await memberships({ roles: ["dialogi.coordinator"] }), 403);
  });

  it("applies domain rules to the verified UPN of members only", async () => {
    assert.equal(await createOmEntry({ extra: { upn: "olli@om.fi" } }), 201);
    // Free-text e-mail claims (preferred_username / email) grant nothing.
    assert.equal(await createOmEntry({ email: "olli@om.fi" }), 403);
    assert.equal(await createOmEntry({ extra: { email: "olli@om.fi" } }), 403);
    // Guests never get rights from a domain rule, whatever their UPN says.
    assert.equal(await createOmEntry({ extra: { upn: "olli@om.fi", acct: 1 } }), 403);
    assert.equal(await createOmEntry({ extra: { upn: "olli_om.fi#EXT#@om.fi" } }), 403);
    assert.equal(
      await createOmEntry({ extra: { upn: "olli@om.fi", idp: `https://sts.windows.net/${OTHER_TENANT}/` } }),
      403,
    );
    assert.equal(await createOmEntry({ extra: { upn: "olli@om.fi", idp: "live.com" } }), 403);
  });

  it("keeps memberships by object id only (an e-mail address is refused, translated)", async () => {
    const res = await t.call<{ fields: Record<string, string> }>("/api/directory/memberships/olli@om.fi", {
      method: "PUT",
      token: await t.sso.mint({ oid: COORD_OID }),
      body: { orgIds: ["om"] },
      lang: "fi",
    });
    assert.equal(res.status, 400);
    assert.match(res.body.fields.userId ?? "", /objektitunnus/);
  });

  it("matches tenant-id rules for members, never for guests or other tenants", () => {
    const policy = { coordinators: [], membershipDomainRules: { [SSO_TENANT]: "vm" } };
    const base = { userId: "u", tenantId: SSO_TENANT, name: "U" };
    assert.deepEqual(resolvePrincipal({ ...base, member: {} }, policy, new Map()).staffOf, ["vm"]);
    assert.deepEqual(resolvePrincipal(base, policy, new Map()).staffOf, []);
    assert.deepEqual(
      resolvePrincipal({ ...base, tenantId: OTHER_TENANT, member: {} }, policy, new Map()).staffOf,
      [],
    );
  });

  it("refuses e-mail coordinators and the groups-claim coordinator setting at start-up", () => {
    const env = { LOCAL_MODE: "true" };
    for (const [extra, pattern] of [
      [{ COORDINATORS: `${COORD_OID},kaisa@vm.fi` }, /COORDINATORS: e-mail addresses are not accepted/],
      [{ COORDINATOR_GROUP_ID: "c0c0c0c0-0000-4000-8000-000000000001" }, /COORDINATOR_GROUP_ID: .*app role/],
    ] as const) {
      assert.throws(
        () => loadConfig({ ...env, ...extra }),
        (err: unknown) => err instanceof ConfigError && pattern.test((err as Error).message),
      );
    }
  });
});
