import assert from "node:assert/strict";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { startGraphEmulator, userIdOfMail, type GraphEmulator } from "../../../testing/graph-emulator";
import { SSO_TENANT } from "../../../testing/sso";
import { driver, type Actor } from "../../dialogues/conversation-helpers";
import { personalActivities, tableRows } from "../../rounds/helpers";
import { startDirectoryApp, type DirectoryTestApp } from "./helpers";

const COORDINATOR = {
  oid: "aad-admin-coordinator",
  name: "Kaisa Koordinaattori",
  roles: ["Dialogi.Coordinator"],
};
const person = (userId: string, userName: string, locale = "fi-FI"): Actor => ({
  userId,
  userName,
  locale,
  tenantId: SSO_TENANT,
});

describe("directory administration API (coordinators only)", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let coordinator: string;
  before(async () => {
    connector = await startConnectorRecorder();
    t = await startDirectoryApp();
    coordinator = await t.sso.mint(COORDINATOR);
  });
  after(async () => {
    await t.close();
    await connector.close();
  });

  const post = (path: string, token: string | undefined, body: unknown, lang = "en") =>
    t.call<Record<string, unknown>>(path, { method: "POST", token, body, lang });

  it("answers 401 without a token and 403 to staff and readers on every coordinator route", async () => {
    const routes: [string, string, unknown][] = [
      ["GET", "/api/directory/memberships", undefined],
      ["POST", "/api/directory/grants", { user: "a@example.fi", orgId: "vm" }],
      ["POST", "/api/directory/grants/revoke", { userId: "x", orgId: "vm" }],
      ["POST", "/api/directory/organisations/vm/merge", { into: "sm" }],
      ["POST", "/api/directory/access-requests/0123456789abcdef01234567/approve", {}],
      ["POST", "/api/directory/access-requests/0123456789abcdef01234567/decline", {}],
    ];
    const staff = await t.signIn("staff-vm");
    const reader = await t.signIn("reader");
    for (const [method, path, body] of routes) {
      assert.equal((await t.call(path, { method, body })).status, 401, `${path} without token`);
      for (const token of [staff, reader]) {
        const res = await t.call<{ error: string; message: string }>(path, { method, body, token });
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.ok(res.body.message, "the refusal says why");
      }
    }
  });

  it("keeps a grant by e-mail pending and binds it at the member's first sign-in, never to a guest", async () => {
    const grant = await post("/api/directory/grants", coordinator, {
      user: "Uusi.Henkilo@VM.fi",
      orgId: "vm",
    });
    assert.equal(grant.status, 200, JSON.stringify(grant.body));
    assert.equal(grant.body.status, "pending");
    assert.equal(grant.body.resolvedBy, "pending");
    const list = await t.call<{ items: { userId: string; pending?: boolean; email?: string }[] }>(
      "/api/directory/memberships",
      { token: coordinator },
    );
    assert.ok(list.body.items.some((m) => m.pending && m.email === "uusi.henkilo@vm.fi"));

    // A guest with the same address (acct=1) is not bound.
    const guest = await t.sso.mint({ oid: "aad-guest", extra: { upn: "uusi.henkilo@vm.fi", acct: 1 } });
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token: guest })).body.staffOf, []);

    const member = await t.sso.mint({
      oid: "aad-uusi",
      name: "Uusi Henkilö",
      extra: { upn: "uusi.henkilo@vm.fi" },
    });
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token: member })).body.staffOf, [
      "vm",
    ]);
    const after = await t.call<{ items: { userId: string; orgIds: string[]; pending?: boolean }[] }>(
      "/api/directory/memberships",
      { token: coordinator },
    );
    assert.ok(!after.body.items.some((m) => m.pending), "the pending row moved");
    assert.deepEqual(after.body.items.find((m) => m.userId === "aad-uusi")?.orgIds, ["vm"]);

    // Revoke per organisation.
    const revoked = await post("/api/directory/grants/revoke", coordinator, {
      userId: "aad-uusi",
      orgId: "vm",
    });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.membership, null);
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token: member })).body.staffOf, []);
    const again = await post("/api/directory/grants/revoke", coordinator, {
      userId: "aad-uusi",
      orgId: "vm",
    });
    assert.equal(again.status, 404);
  });

  it("answers bad grants clearly in fi/sv/en", async () => {
    const expected = { fi: /sähköpostiosoite/, sv: /e-postadress/, en: /e-mail address/ };
    for (const lang of ["fi", "sv", "en"] as const) {
      const res = await t.call<{ fields: Record<string, string> }>("/api/directory/grants", {
        method: "POST",
        token: coordinator,
        body: { user: "not an address@", orgId: "no-such-org" },
        lang,
      });
      assert.equal(res.status, 400);
      assert.match(res.body.fields.user!, expected[lang]);
      assert.ok(res.body.fields.orgId, "unknown organisation named");
    }
  });

  it("queues access requests; approving grants the rights and the bot tells the requester in their language", async () => {
    const bot = driver(t.app, connector);
    const requester = person("aad-requester", "Rita Pyytäjä", "sv-SE");
    await bot.say(requester, "help"); // has a personal chat with the bot
    const token = await t.sso.mint({ oid: requester.userId, name: requester.userName });
    const asked = await post(
      "/api/directory/access-requests",
      token,
      { orgId: "vm", note: "Uusi tiimi" },
      "sv",
    );
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    const request = asked.body.request as { id: string; language: string };
    assert.equal(request.language, "sv");
    // Asking twice keeps one request.
    const twice = await post("/api/directory/access-requests", token, { orgId: "vm" }, "sv");
    assert.equal((twice.body.request as { id: string }).id, request.id);
    // The requester sees their own request, not others'.
    const mine = await t.call<{ items: { id: string; reachable?: boolean }[] }>(
      "/api/directory/access-requests",
      {
        token,
      },
    );
    assert.deepEqual(
      mine.body.items.map((i) => i.id),
      [request.id],
    );
    assert.equal(mine.body.items[0]!.reachable, undefined);

    const silent = await t.sso.mint({ oid: "aad-no-chat", name: "Nils Nochat" });
    const other = await post("/api/directory/access-requests", silent, { orgId: "syke" });
    assert.equal(other.status, 201);

    const queue = await t.call<{ items: { id: string; userId: string; reachable: boolean }[] }>(
      "/api/directory/access-requests",
      { token: coordinator },
    );
    assert.equal(queue.body.items.find((i) => i.id === request.id)?.reachable, true);
    assert.equal(queue.body.items.find((i) => i.userId === "aad-no-chat")?.reachable, false);

    const mark = connector.calls.length;
    const approved = await post(`/api/directory/access-requests/${request.id}/approve`, coordinator, {});
    assert.deepEqual(approved.body, { decision: "approved", notified: true });
    const [message] = personalActivities(connector, requester.userId, mark);
    assert.match(String(message!.text), /godkände din begäran/);
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token })).body.staffOf, ["vm"]);
    const gone = await post(`/api/directory/access-requests/${request.id}/approve`, coordinator, {});
    assert.equal(gone.status, 404, "decided once");

    // Already staff: refused with a reason.
    const already = await post("/api/directory/access-requests", token, { orgId: "vm" }, "fi");
    assert.equal(already.status, 400);
    assert.match((already.body.fields as Record<string, string>).orgId!, /jo oikeudet/);

    const declineId = queue.body.items.find((i) => i.userId === "aad-no-chat")!.id;
    const declined = await post(`/api/directory/access-requests/${declineId}/decline`, coordinator, {});
    assert.deepEqual(declined.body, { decision: "declined", notified: false });
    // Not swallowed: the message is a failed delivery row (the person never opened a chat).
    const rows = await t.app.app.outbox.outbox.deliveries("org-syke");
    assert.deepEqual(
      rows
        .filter((r) => r.decisionKey === `access|${declineId}`)
        .map((r) => [r.recipient, r.status, r.lastError]),
      [["aad-no-chat", "failed", "UnreachableError"]],
    );
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token: silent })).body.staffOf, []);
  });

  it("merges an organisation: entries and memberships move, the source is gone, both are audited", async () => {
    const created = await post("/api/directory/organisations", coordinator, {
      id: "vanha-virasto",
      shortName: "VV",
      names: { fi: "Vanha virasto" },
      type: "agency",
      listingMissing: true,
    });
    assert.equal(created.status, 201);
    const target = await post("/api/directory/organisations", coordinator, {
      id: "uusi-virasto",
      shortName: "UV",
      names: { fi: "Uusi virasto" },
      type: "agency",
      listingMissing: true,
    });
    assert.equal(target.status, 201);
    const entry = await post("/api/directory/entries", coordinator, {
      orgId: "vanha-virasto",
      section: "done",
      title: "Vanhan viraston dialogi",
      description: "",
    });
    assert.equal(entry.status, 201);
    // "Listing missing" cleared itself with the first entry.
    const old = await t.call<{ organisation: { listingMissing: boolean } }>(
      "/api/directory/organisations/vanha-virasto",
      {
        token: coordinator,
      },
    );
    assert.equal(old.body.organisation.listingMissing, false);
    await post("/api/directory/grants", coordinator, { user: "aad-vv-staff", orgId: "vanha-virasto" });

    const same = await post("/api/directory/organisations/vanha-virasto/merge", coordinator, {
      into: "vanha-virasto",
    });
    assert.equal(same.status, 400);
    const merged = await post("/api/directory/organisations/vanha-virasto/merge", coordinator, {
      into: "uusi-virasto",
    });
    assert.deepEqual(merged.body, { into: "uusi-virasto", movedEntries: 1, movedMemberships: 1 });
    assert.equal(
      (await t.call("/api/directory/organisations/vanha-virasto", { token: coordinator })).status,
      404,
    );
    const now = await t.call<{
      organisation: { listingMissing: boolean };
      entries: { id: string; title: string }[];
    }>("/api/directory/organisations/uusi-virasto", { token: coordinator });
    assert.deepEqual(
      now.body.entries.map((e) => e.title),
      ["Vanhan viraston dialogi"],
    );
    assert.equal(now.body.organisation.listingMissing, false, "the target got entries");
    const members = await t.call<{ items: { userId: string; orgIds: string[] }[] }>(
      "/api/directory/memberships",
      {
        token: coordinator,
      },
    );
    assert.deepEqual(members.body.items.find((m) => m.userId === "aad-vv-staff")?.orgIds, ["uusi-virasto"]);
    const rows = await auditRows(t, "uusi-virasto");
    assert.ok(rows.some((r) => r.action === "merge" && String(r.after).includes("vanha-virasto")));
  });
});

describe("directory grants resolved through Microsoft Graph", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let graph: GraphEmulator;
  before(async () => {
    graph = await startGraphEmulator();
    t = await startDirectoryApp({ env: graph.env });
  });
  after(async () => {
    await t.close();
    await graph.close();
  });

  it("grants to the object id Graph finds for the e-mail address", async () => {
    const coordinator = await t.sso.mint(COORDINATOR);
    const res = await t.call<{ status: string; resolvedBy: string; membership: { userId: string } }>(
      "/api/directory/grants",
      { method: "POST", token: coordinator, body: { user: "maija@vm.fi", orgId: "vm" } },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, "granted");
    assert.equal(res.body.resolvedBy, "graph");
    assert.equal(res.body.membership.userId, userIdOfMail("maija@vm.fi"));
    assert.ok(graph.calls.some((c) => decodeURIComponent(c.path).includes("/users/maija@vm.fi")));
    const maija = await t.sso.mint({ oid: userIdOfMail("maija@vm.fi") });
    assert.deepEqual((await t.call<{ staffOf: string[] }>("/api/me", { token: maija })).body.staffOf, ["vm"]);
  });
});

/** Audit rows of an organisation's partition (the Audit table, as stored). */
async function auditRows(t: DirectoryTestApp, orgId: string) {
  const tenant = (await t.call<{ tenantId: string }>("/api/me", { token: await t.sso.mint(COORDINATOR) }))
    .body.tenantId;
  return (await tableRows(t.app, "Audit", `${tenant}:${orgId}`)) as { action: string; after?: string }[];
}
