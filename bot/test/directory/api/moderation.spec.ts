import assert from "node:assert/strict";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "./helpers";

type Org = { id: string; requiresReview: boolean; etag: string; shortName: string; names: { fi: string } };

describe("directory roles: review, organisations and memberships", () => {
  let t: DirectoryTestApp;
  let staff: string;
  let coordinator: string;
  let reader: string;
  before(async () => {
    t = await startDirectoryApp({ env: { MEMBERSHIP_DOMAIN_RULES: "om.fi=om" } });
    [staff, coordinator, reader] = await Promise.all([
      t.signIn("staff-vm"),
      t.signIn("coordinator"),
      t.signIn("reader"),
    ]);
  });
  after(() => t.close());

  const search = (token: string, q: string) =>
    t.call<{ items: ApiEntry[] }>(`/api/directory/entries?q=${encodeURIComponent(q)}`, { token });

  it("holds staff entries for review when the organisation requires it, until a coordinator approves", async () => {
    const vm = (
      await t.call<{ organisation: Org }>("/api/directory/organisations/vm", { token: coordinator })
    ).body.organisation;
    const { entryCount: _count, ...editable } = vm as Org & { entryCount: number };
    const byStaff = await t.call("/api/directory/organisations/vm", {
      method: "PUT",
      token: staff,
      body: { ...editable, requiresReview: true },
      headers: { "if-match": vm.etag },
    });
    assert.equal(byStaff.status, 403); // organisations are the coordinators'
    const updated = await t.call<{ organisation: Org }>("/api/directory/organisations/vm", {
      method: "PUT",
      token: coordinator,
      body: { ...editable, requiresReview: true },
      headers: { "if-match": vm.etag },
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.body.organisation.requiresReview, true);

    const created = await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
      method: "POST",
      token: staff,
      body: { orgId: "vm", section: "done", title: "Tarkistettava kuulemisdialogi" },
    });
    assert.equal(created.body.entry.status, "pending");
    assert.equal((await search(reader, "kuulemisdialogi")).body.items.length, 0);
    assert.equal((await search(staff, "kuulemisdialogi")).body.items.length, 1);

    assert.equal((await t.call("/api/directory/moderation", { token: staff })).status, 403);
    const queue = await t.call<{ items: ApiEntry[] }>("/api/directory/moderation", { token: coordinator });
    assert.deepEqual(
      queue.body.items.map((e) => e.id),
      [created.body.entry.id],
    );
    const path = `/api/directory/entries/vm/${created.body.entry.id}`;
    assert.equal((await t.call(`${path}/approve`, { method: "POST", token: staff })).status, 403);
    const approved = await t.call<{ entry: ApiEntry }>(`${path}/approve`, {
      method: "POST",
      token: coordinator,
      headers: { "if-match": created.body.entry.etag },
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.entry.status, "published");
    assert.equal((await search(reader, "kuulemisdialogi")).body.items.length, 1);
    const history = await t.call<{ items: { action: string }[] }>(`${path}/history`, { token: coordinator });
    assert.deepEqual(
      history.body.items.map((h) => h.action),
      ["approve", "create"],
    );
  });

  it("keeps the published version visible while a staff edit waits, and queues it as an edit with a field diff", async () => {
    const created = await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
      method: "POST",
      token: coordinator,
      body: {
        orgId: "vm",
        section: "done",
        title: "Julkaistu hankedialogi",
        description: "Alkuperäinen kuvaus.",
      },
    });
    assert.equal(created.body.entry.status, "published");
    const path = `/api/directory/entries/vm/${created.body.entry.id}`;
    type Drafted = ApiEntry & { draft?: { status: string; fields: { title: string } } };
    const edited = await t.call<{ entry: Drafted }>(path, {
      method: "PUT",
      token: staff,
      body: { section: "done", title: "Muokattu hankedialogi", description: "Alkuperäinen kuvaus." },
      headers: { "if-match": created.body.entry.etag },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.entry.status, "published");
    assert.equal(edited.body.entry.title, "Julkaistu hankedialogi");
    assert.equal(edited.body.entry.draft?.status, "pending");
    assert.equal(edited.body.entry.draft?.fields.title, "Muokattu hankedialogi");

    // Readers keep seeing the published version, and never the pending edit.
    const forReader = await search(reader, "hankedialogi");
    assert.deepEqual(
      forReader.body.items.map((e) => [e.title, "draft" in e]),
      [["Julkaistu hankedialogi", false]],
    );
    const one = await t.call<{ entry: Drafted }>(path, { token: reader });
    assert.equal(one.body.entry.title, "Julkaistu hankedialogi");
    assert.equal(one.body.entry.draft, undefined);
    const forStaff = await t.call<{ entry: Drafted }>(path, { token: staff });
    assert.equal(forStaff.body.entry.draft?.fields.title, "Muokattu hankedialogi");

    const queue = await t.call<{ items: (ApiEntry & { kind: string; changes: unknown[] })[] }>(
      "/api/directory/moderation",
      { token: coordinator },
    );
    const item = queue.body.items.find((e) => e.id === created.body.entry.id);
    assert.equal(item?.kind, "edit");
    assert.deepEqual(item?.changes, [
      { field: "title", before: "Julkaistu hankedialogi", after: "Muokattu hankedialogi" },
    ]);

    const approved = await t.call<{ entry: Drafted }>(`${path}/approve`, {
      method: "POST",
      token: coordinator,
      headers: { "if-match": edited.body.entry.etag },
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.entry.title, "Muokattu hankedialogi");
    assert.equal(approved.body.entry.draft, undefined);
    assert.deepEqual(
      (await search(reader, "hankedialogi")).body.items.map((e) => e.title),
      ["Muokattu hankedialogi"],
    );

    // A rejected edit leaves the published version as it was; the author sees why.
    const again = await t.call<{ entry: Drafted }>(path, {
      method: "PUT",
      token: staff,
      body: { section: "done", title: "Huono otsikko" },
      headers: { "if-match": approved.body.entry.etag },
    });
    const rejected = await t.call<{ entry: Drafted & { draft?: { moderationNote?: string } } }>(
      `${path}/reject`,
      { method: "POST", token: coordinator, body: { reason: "Kuvaus puuttuu." } },
    );
    assert.equal(again.status, 200);
    assert.equal(rejected.body.entry.status, "published");
    assert.equal(rejected.body.entry.title, "Muokattu hankedialogi");
    assert.equal(rejected.body.entry.description, "Alkuperäinen kuvaus.");
    assert.equal(rejected.body.entry.draft?.status, "rejected");
    assert.equal(rejected.body.entry.draft?.moderationNote, "Kuvaus puuttuu.");
  });

  it("holds a staff deletion of a published entry for review like an edit: 202, still published, queued as a deletion", async () => {
    type Drafted = ApiEntry & { draft?: { status: string; deletion?: boolean } };
    const make = async (title: string) =>
      (
        await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
          method: "POST",
          token: coordinator,
          body: { orgId: "vm", section: "done", title },
        })
      ).body.entry;
    const kept = await make("Poistopyynnön kohde");
    const path = `/api/directory/entries/vm/${kept.id}`;

    const byReader = await t.call(path, {
      method: "DELETE",
      token: reader,
      headers: { "if-match": kept.etag },
    });
    assert.equal(byReader.status, 403);
    const held = await t.call<{ entry: Drafted }>(path, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": kept.etag },
    });
    assert.equal(held.status, 202);
    assert.equal(held.body.entry.status, "published");
    assert.deepEqual([held.body.entry.draft?.status, held.body.entry.draft?.deletion], ["pending", true]);
    // Readers still see it (without the pending deletion); the queue shows it as a deletion.
    const forReader = await t.call<{ entry: Drafted }>(path, { token: reader });
    assert.equal(forReader.status, 200);
    assert.equal(forReader.body.entry.draft, undefined);
    assert.deepEqual(
      (await search(reader, "Poistopyynnön")).body.items.map((e) => e.title),
      ["Poistopyynnön kohde"],
    );
    const queue = await t.call<{ items: (ApiEntry & { kind: string })[] }>("/api/directory/moderation", {
      token: coordinator,
    });
    assert.equal(queue.body.items.find((e) => e.id === kept.id)?.kind, "delete");

    // Rejected: the entry stays as it was, the author sees the rejection.
    const rejected = await t.call<{ entry: Drafted }>(`${path}/reject`, {
      method: "POST",
      token: coordinator,
      body: { reason: "Merkintä on vielä ajankohtainen." },
    });
    assert.equal(rejected.body.entry.status, "published");
    assert.equal(rejected.body.entry.draft?.status, "rejected");
    assert.equal((await t.call(path, { token: reader })).status, 200);

    // Asked again and approved: the entry is gone for everyone.
    const again = await t.call<{ entry: Drafted }>(path, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": rejected.body.entry.etag },
    });
    assert.equal(again.status, 202);
    const approved = await t.call(`${path}/approve`, {
      method: "POST",
      token: coordinator,
      headers: { "if-match": again.body.entry.etag },
    });
    assert.equal(approved.status, 200);
    assert.equal((await t.call(path, { token: reader })).status, 404);
    assert.deepEqual((await search(reader, "Poistopyynnön")).body.items, []);

    // A coordinator's own deletion needs no review: 204, gone at once.
    const direct = await make("Koordinaattorin poistama");
    const gone = await t.call(`/api/directory/entries/vm/${direct.id}`, {
      method: "DELETE",
      token: coordinator,
      headers: { "if-match": direct.etag },
    });
    assert.equal(gone.status, 204);
  });

  it("rejects with a reason visible to the organisation's staff", async () => {
    const created = await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
      method: "POST",
      token: staff,
      body: { orgId: "vm", section: "other", title: "Hylättävä ehdotus" },
    });
    const rejected = await t.call<{ entry: ApiEntry & { moderationNote?: string } }>(
      `/api/directory/entries/vm/${created.body.entry.id}/reject`,
      { method: "POST", token: coordinator, body: { reason: "Kuuluu toiselle organisaatiolle." } },
    );
    assert.equal(rejected.status, 200);
    assert.equal(rejected.body.entry.status, "rejected");
    assert.equal(rejected.body.entry.moderationNote, "Kuuluu toiselle organisaatiolle.");
    assert.equal((await search(reader, "hylättävä")).body.items.length, 0);
    assert.equal((await search(staff, "hylättävä")).body.items[0]?.status, "rejected");
  });

  it("lets coordinators create organisations, refusing a taken id", async () => {
    const body = { shortName: "TEST", names: { fi: "Testivirasto", sv: "Testverket" }, type: "agency" };
    assert.equal(
      (await t.call("/api/directory/organisations", { method: "POST", token: staff, body })).status,
      403,
    );
    const created = await t.call<{ organisation: Org }>("/api/directory/organisations", {
      method: "POST",
      token: coordinator,
      body,
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.organisation.id, "test");
    const again = await t.call("/api/directory/organisations", { method: "POST", token: coordinator, body });
    assert.equal(again.status, 409);
    assert.equal(again.body.error, "exists");
  });

  it("grants staff rights through memberships (coordinators) and verified-domain rules", async () => {
    // Same tenant as the SSO user (dev personas live in their own tenant).
    const ssoCoordinator = await t.sso.mint({ roles: ["Dialogi.Coordinator"] });
    const ssoOther = await t.sso.mint();
    const oid = "5b3c1d2e-0000-4000-8000-0000000000aa";
    const user = await t.sso.mint({ oid, email: "maija@example.fi" });
    const attempt = () =>
      t.call("/api/directory/entries", {
        method: "POST",
        token: user,
        body: { orgId: "syke", section: "done", title: "Jäsenyydellä lisätty" },
      });
    assert.equal((await attempt()).status, 403);

    const bodyMembership = { orgIds: ["syke"], name: "Maija" };
    const denied = await t.call(`/api/directory/memberships/${oid}`, {
      method: "PUT",
      token: ssoOther,
      body: bodyMembership,
    });
    assert.equal(denied.status, 403);
    const granted = await t.call(`/api/directory/memberships/${oid}`, {
      method: "PUT",
      token: ssoCoordinator,
      body: bodyMembership,
    });
    assert.equal(granted.status, 200);
    assert.equal((await attempt()).status, 201);
    const me = await t.call<{ staffOf: string[] }>("/api/me", { token: user });
    assert.deepEqual(me.body.staffOf, ["syke"]);

    const list = await t.call<{ items: { userId: string }[]; domainRules: Record<string, string> }>(
      "/api/directory/memberships",
      { token: ssoCoordinator },
    );
    assert.deepEqual(
      list.body.items.map((m) => m.userId),
      [oid],
    );
    assert.deepEqual(list.body.domainRules, { "om.fi": "om" });
    assert.equal(
      (await t.call(`/api/directory/memberships/${oid}`, { method: "DELETE", token: ssoCoordinator })).status,
      204,
    );
    assert.equal((await attempt()).status, 403);

    const byDomain = await t.call<{ staffOf: string[] }>("/api/me", {
      token: await t.sso.mint({ extra: { upn: "Olli@OM.fi" } }),
    });
    assert.deepEqual(byDomain.body.staffOf, ["om"]);
    // A free-text e-mail claim grants nothing.
    const byEmail = await t.call<{ staffOf: string[] }>("/api/me", {
      token: await t.sso.mint({ email: "olli@om.fi" }),
    });
    assert.deepEqual(byEmail.body.staffOf, []);
  });
});
