import assert from "node:assert/strict";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "./helpers";

type EntryBody = { entry: ApiEntry };
type Listing = { items: ApiEntry[]; total: number };

describe("directory entries API", () => {
  let t: DirectoryTestApp;
  let staff: string;
  let coordinator: string;
  let reader: string;
  before(async () => {
    t = await startDirectoryApp();
    [staff, coordinator, reader] = await Promise.all([
      t.signIn("staff-vm"),
      t.signIn("coordinator"),
      t.signIn("reader"),
    ]);
  });
  after(() => t.close());

  const create = (token: string, body: Record<string, unknown>) =>
    t.call<EntryBody>("/api/directory/entries", { method: "POST", token, body });
  const put = (token: string, e: { orgId: string; id: string }, etag: string | undefined, body: unknown) =>
    t.call<EntryBody & { current?: ApiEntry; error?: string }>(`/api/directory/entries/${e.orgId}/${e.id}`, {
      method: "PUT",
      token,
      body,
      headers: etag ? { "if-match": etag } : {},
    });

  it("lists the seeded organisations and an organisation's entries for a reader", async () => {
    const orgs = await t.call<{ items: { id: string; entryCount: number; listingMissing: boolean }[] }>(
      "/api/directory/organisations",
      { token: reader },
    );
    assert.equal(orgs.status, 200);
    assert.equal(orgs.body.items.length, 10);
    assert.equal(orgs.body.items.find((o) => o.id === "sm")?.listingMissing, true);
    const vm = await t.call<{ organisation: { shortName: string }; entries: ApiEntry[] }>(
      "/api/directory/organisations/vm",
      { token: reader },
    );
    assert.equal(vm.body.organisation.shortName, "VM");
    assert.equal(vm.body.entries.length, 7);
    assert.ok(vm.headers.get("etag"));
    assert.equal((await t.call("/api/directory/organisations/nope", { token: reader })).status, 404);
  });

  it("searches with Finnish inflection over HTTP", async () => {
    const res = await t.call<Listing>("/api/directory/entries?q=Saimaan", { token: reader });
    assert.equal(res.status, 200);
    assert.equal(res.body.items[0]?.title, "Saimaadialogit");
    const paged = await t.call<Listing>("/api/directory/entries?limit=5&offset=5", { token: reader });
    assert.equal(paged.body.items.length, 5);
    assert.equal(paged.body.total, 46);
  });

  it("lets staff add and edit their own organisation's entries, and finds them at once", async () => {
    const created = await create(staff, {
      orgId: "vm",
      section: "upcoming",
      title: "Budjettidialogi Saimaalla",
      time: { text: "syksyllä 2026" },
      places: ["Savonlinna"],
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.entry.status, "published");
    assert.deepEqual(created.body.entry.time, {
      text: "syksyllä 2026",
      year: 2026,
      start: "2026-09-01",
      end: "2026-11-30",
    });
    assert.equal(created.headers.get("etag"), created.body.entry.etag);
    const found = await t.call<Listing>("/api/directory/entries?q=budjettidialogeja", { token: reader });
    assert.deepEqual(
      found.body.items.map((e) => e.id),
      [created.body.entry.id],
    );

    const edited = await put(staff, created.body.entry, created.body.entry.etag, {
      ...created.body.entry,
      title: "Budjettidialogi",
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.entry.title, "Budjettidialogi");
    assert.notEqual(edited.body.entry.etag, created.body.entry.etag);
  });

  it("refuses readers (403) and staff of another organisation (403); coordinators may", async () => {
    const om = (await t.call<{ entries: ApiEntry[] }>("/api/directory/organisations/om", { token: reader }))
      .body.entries[0]!;
    const body = { section: om.section, title: "Muutettu" };
    assert.equal((await create(reader, { orgId: "vm", section: "done", title: "x" })).status, 403);
    assert.equal((await put(reader, om, om.etag, body)).status, 403);
    assert.equal((await create(staff, { orgId: "om", section: "done", title: "x" })).status, 403);
    const denied = await put(staff, om, om.etag, body);
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error, "forbidden");
    const del = await t.call(`/api/directory/entries/om/${om.id}`, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": om.etag },
    });
    assert.equal(del.status, 403);
    const byCoordinator = await put(coordinator, om, om.etag, body);
    assert.equal(byCoordinator.status, 200);
    assert.equal(byCoordinator.body.entry.title, "Muutettu");
  });

  it("answers a stale ETag with 409 and the current version; never overwrites silently", async () => {
    const { entry } = (await create(staff, { orgId: "vm", section: "done", title: "Alkuperäinen" })).body;
    const [a, b] = await Promise.all([
      put(staff, entry, entry.etag, { section: "done", title: "Versio A" }),
      put(coordinator, entry, entry.etag, { section: "done", title: "Versio B" }),
    ]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    assert.equal(loser.body.error, "conflict");
    assert.equal(loser.body.current?.title, winner.body.entry.title);
    assert.equal(loser.body.current?.etag, winner.body.entry.etag);
    const stored = await t.call<EntryBody>(`/api/directory/entries/vm/${entry.id}`, { token: reader });
    assert.equal(stored.body.entry.title, winner.body.entry.title);
    const stale = await t.call(`/api/directory/entries/vm/${entry.id}`, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": entry.etag },
    });
    assert.equal(stale.status, 409);
  });

  it("writes an audit row for every change, readable as history by editors only", async () => {
    const { entry } = (await create(staff, { orgId: "vm", section: "other", title: "Auditoitava" })).body;
    const v2 = (await put(staff, entry, entry.etag, { section: "other", title: "Auditoitu" })).body.entry;
    const del = await t.call(`/api/directory/entries/vm/${entry.id}`, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": v2.etag },
    });
    assert.equal(del.status, 204);
    assert.equal((await t.call(`/api/directory/entries/vm/${entry.id}`, { token: staff })).status, 404);
    const history = await t.call<{
      items: { action: string; by: string; before?: ApiEntry; after?: ApiEntry }[];
    }>(`/api/directory/entries/vm/${entry.id}/history`, { token: staff });
    assert.equal(history.status, 200);
    assert.deepEqual(
      history.body.items.map((h) => h.action),
      ["delete", "update", "create"], // newest first
    );
    assert.equal(history.body.items[1]!.before?.title, "Auditoitava");
    assert.equal(history.body.items[1]!.after?.title, "Auditoitu");
    assert.equal(history.body.items[0]!.by, "Veikko Virkamies (dev, VM)");
    assert.equal(
      (await t.call(`/api/directory/entries/vm/${entry.id}/history`, { token: reader })).status,
      403,
    );
  });

  it("refuses to delete an entry that has sub-entries", async () => {
    const parent = (await create(staff, { orgId: "vm", section: "done", title: "Yläkohta" })).body.entry;
    const child = await create(staff, {
      orgId: "vm",
      section: "done",
      title: "Alakohta",
      parentId: parent.id,
    });
    assert.equal(child.status, 201);
    assert.equal(child.body.entry.parentId, parent.id);
    const res = await t.call(`/api/directory/entries/vm/${parent.id}`, {
      method: "DELETE",
      token: staff,
      headers: { "if-match": parent.etag },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error, "hasChildren");
  });

  it("exports CSV with formula injection neutralised, and JSON", async () => {
    await create(coordinator, { orgId: "om", section: "other", title: '=HYPERLINK("http://x","klikkaa")' });
    const csv = await t.call<string>("/api/directory/export.csv?org=om", { token: reader });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get("content-type") ?? "", /^text\/csv/);
    assert.match(
      csv.headers.get("content-disposition") ?? "",
      /attachment; filename="dialogi-directory-.*\.csv"/,
    );
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://x"",""klikkaa"")"`));
    assert.ok(csv.body.split("\r\n")[0]!.startsWith("organisationId,organisation,"));
    assert.ok(
      csv.body
        .split("\r\n")
        .slice(1, -1)
        .every((l) => l.startsWith("om,")),
    );
    const json = await t.call<{ organisations: { id: string }[]; entries: ApiEntry[] }>(
      "/api/directory/export.json",
      { token: reader },
    );
    assert.equal(json.body.organisations.length, 10);
    assert.ok(json.body.entries.length >= 46);
  });
});
