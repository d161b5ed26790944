import assert from "node:assert/strict";
import { startGraphEmulator, userIdOfMail, type GraphEmulator } from "../../testing/graph-emulator";
import { OTHER_TENANT, SSO_TENANT } from "../../testing/sso";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

const COORDINATOR = { oid: "aad-abuse-coordinator", name: "Kaisa K", roles: ["Dialogi.Coordinator"] };
const ORGS = ["abuse-a", "abuse-b", "abuse-c", "abuse-d", "abuse-e", "abuse-f"];

/**
 * Directory administration as an attacker would try it, through the real HTTP API with real
 * token validation: another tenant's coordinator, claims crafted to take over a pending e-mail
 * grant, and one account filling the coordinators' access-request queue.
 */
describe("security: directory administration abuse", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let coordinator: string;
  before(async () => {
    t = await startDirectoryApp({ env: { AAD_APP_TENANT_ID: "organizations", SEED_DEMO_DATA: "false" } });
    coordinator = await t.sso.mint(COORDINATOR);
    for (const id of ORGS) {
      const res = await post("/api/directory/organisations", coordinator, {
        id,
        shortName: id.toUpperCase(),
        names: { fi: `Organisaatio ${id}` },
        type: "agency",
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
  });
  after(() => t.close());

  const post = (path: string, token: string, body: unknown, lang = "en") =>
    t.call<Record<string, unknown>>(path, { method: "POST", token, body, lang });
  const staffOf = async (token: string) =>
    (await t.call<{ staffOf: string[] }>("/api/me", { token })).body.staffOf;

  it("one person can keep only a few access requests open (400 saying what to do, fi/sv/en)", async () => {
    const token = await t.sso.mint({ oid: "aad-flooder", name: "Flo Oder" });
    for (const orgId of ORGS.slice(0, 5)) {
      const res = await post("/api/directory/access-requests", token, { orgId });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    // Asking again for one already open is not a new request: still answered.
    assert.equal((await post("/api/directory/access-requests", token, { orgId: ORGS[0] })).status, 201);
    const expected = { fi: /5 avointa käyttöoikeuspyyntöä/, sv: /5 öppna begäranden/, en: /5 open access/ };
    for (const lang of ["fi", "sv", "en"] as const) {
      const sixth = await post("/api/directory/access-requests", token, { orgId: ORGS[5] }, lang);
      assert.equal(sixth.status, 400);
      assert.match((sixth.body.fields as Record<string, string>).orgId!, expected[lang]);
    }
    const queue = await t.call<{ items: { userId: string }[] }>("/api/directory/access-requests", {
      token: coordinator,
    });
    assert.equal(queue.body.items.filter((r) => r.userId === "aad-flooder").length, 5);
    // Someone else is not affected by the flooder's requests.
    const other = await t.sso.mint({ oid: "aad-other-asker", name: "Olli Other" });
    assert.equal((await post("/api/directory/access-requests", other, { orgId: ORGS[5] })).status, 201);
  });

  it("a coordinator of another tenant reaches none of this tenant's organisations, grants or requests", async () => {
    const asker = await t.sso.mint({ oid: "aad-tenant-a-asker", name: "Aino A" });
    const asked = await post("/api/directory/access-requests", asker, { orgId: ORGS[1] });
    const requestId = (asked.body.request as { id: string }).id;
    await post("/api/directory/grants", coordinator, { user: "aad-tenant-a-staff", orgId: ORGS[2] });

    const foreign = await t.sso.mint({ ...COORDINATOR, oid: "aad-foreign-coordinator", tid: OTHER_TENANT });
    const tries: [string, unknown, number][] = [
      [`/api/directory/organisations/${ORGS[0]}/merge`, { into: ORGS[1] }, 400],
      ["/api/directory/grants", { user: "aad-foreign-friend", orgId: ORGS[0] }, 400],
      ["/api/directory/grants/revoke", { userId: "aad-tenant-a-staff", orgId: ORGS[2] }, 404],
      [`/api/directory/access-requests/${requestId}/approve`, {}, 404],
      [`/api/directory/access-requests/${requestId}/decline`, {}, 404],
    ];
    for (const [path, body, status] of tries) {
      assert.equal((await post(path, foreign, body)).status, status, path);
    }
    const list = await t.call<{ items: unknown[] }>("/api/directory/access-requests", { token: foreign });
    assert.deepEqual(list.body.items, []);
    // Everything in the home tenant is as it was.
    const home = await t.call<{ items: { id: string }[] }>("/api/directory/access-requests", {
      token: coordinator,
    });
    assert.ok(home.body.items.some((r) => r.id === requestId));
    const staff = await t.sso.mint({ oid: "aad-tenant-a-staff" });
    assert.deepEqual(await staffOf(staff), [ORGS[2]]);
  });

  it("an access request shows coordinators only a verified address, never a crafted claim", async () => {
    const crafted = await t.sso.mint({
      oid: "aad-crafted-asker",
      name: "Crafted Asker",
      extra: { preferred_username: "ceo@abuse.example", email: "ceo@abuse.example" },
    });
    assert.equal((await post("/api/directory/access-requests", crafted, { orgId: ORGS[2] })).status, 201);
    const member = await t.sso.mint({
      oid: "aad-member-asker",
      name: "Mia M",
      extra: { upn: "mia@abuse.example" },
    });
    assert.equal((await post("/api/directory/access-requests", member, { orgId: ORGS[2] })).status, 201);
    const queue = await t.call<{ items: { userId: string; email?: string }[] }>(
      "/api/directory/access-requests",
      {
        token: coordinator,
      },
    );
    const of = (id: string) => queue.body.items.find((r) => r.userId === id);
    assert.ok(of("aad-crafted-asker"), JSON.stringify(queue.body));
    assert.equal(of("aad-crafted-asker")!.email, undefined);
    assert.equal(of("aad-member-asker")!.email, "mia@abuse.example");
  });

  it("a pending e-mail grant binds only to a member's verified upn, never to crafted claims", async () => {
    const grant = await post("/api/directory/grants", coordinator, {
      user: "target@abuse.example",
      orgId: ORGS[3],
    });
    assert.equal(grant.body.status, "pending");
    const attempts = [
      // preferred_username and email are not verified: no upn, no binding.
      {
        oid: "aad-crafted-1",
        extra: { preferred_username: "target@abuse.example", email: "target@abuse.example" },
      },
      // A guest whose home tenant signed them in (idp) with a matching upn.
      {
        oid: "aad-crafted-2",
        extra: { upn: "target@abuse.example", idp: `https://sts.windows.net/${OTHER_TENANT}/` },
      },
      // A guest's #EXT# upn.
      { oid: "aad-crafted-3", extra: { upn: "target_abuse.example#EXT#@tenant.onmicrosoft.com" } },
      // The same upn in another tenant.
      { oid: "aad-crafted-4", tid: OTHER_TENANT, extra: { upn: "target@abuse.example" } },
    ];
    for (const claims of attempts) {
      assert.deepEqual(await staffOf(await t.sso.mint(claims)), [], claims.oid);
    }
    const members = await t.call<{ items: { userId: string; pending?: boolean }[] }>(
      "/api/directory/memberships",
      { token: coordinator },
    );
    assert.ok(members.body.items.some((m) => m.pending && m.userId === "email:target@abuse.example"));
  });
});

describe("security: Graph people lookups stay in Graph's own tenant", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let graph: GraphEmulator;
  before(async () => {
    graph = await startGraphEmulator();
    t = await startDirectoryApp({
      env: {
        ...graph.env,
        AAD_APP_TENANT_ID: "organizations",
        GRAPH_TENANT_ID: SSO_TENANT,
        SEED_DEMO_DATA: "false",
      },
    });
  });
  after(async () => {
    await t.close();
    await graph.close();
  });

  const grantIn = async (tid: string | undefined, user: string) => {
    const token = await t.sso.mint({ ...COORDINATOR, ...(tid ? { tid } : {}) });
    const orgId = `graph-org-${tid ? "other" : "home"}`;
    await t.call("/api/directory/organisations", {
      method: "POST",
      token,
      body: { id: orgId, shortName: "G", names: { fi: "Graph-testi" }, type: "agency" },
    });
    return t.call<{ status: string; resolvedBy: string; membership: { userId: string; name?: string } }>(
      "/api/directory/grants",
      { method: "POST", token, body: { user, orgId } },
    );
  };
  const lookups = () =>
    graph.calls.filter((c) => c.method === "GET" && /\/users\/[^/?]+(\?|$)/.test(decodeURIComponent(c.path)))
      .length;

  it("another tenant's coordinator gets a pending grant, not the object id and name of Graph's tenant's user", async () => {
    const before = lookups();
    const foreign = await grantIn(OTHER_TENANT, "maija@vm.fi");
    assert.equal(foreign.status, 200, JSON.stringify(foreign.body));
    assert.equal(foreign.body.resolvedBy, "pending");
    assert.equal(foreign.body.membership.userId, "email:maija@vm.fi");
    assert.equal(foreign.body.membership.name, undefined);
    assert.equal(lookups(), before, "Graph was not asked");
    // In Graph's own tenant the same grant resolves.
    const home = await grantIn(undefined, "maija@vm.fi");
    assert.equal(home.body.resolvedBy, "graph");
    assert.equal(home.body.membership.userId, userIdOfMail("maija@vm.fi"));
  });
});
