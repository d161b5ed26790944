import assert from "node:assert/strict";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { SSO_TENANT } from "../../../testing/sso";
import { driver } from "../../dialogues/conversation-helpers";
import { personalActivities } from "../../rounds/helpers";
import { startDirectoryApp, type DirectoryTestApp } from "./helpers";

type Entry = {
  id: string;
  section: string;
  title: string;
  listedAt?: string;
  createdAt: string;
  updatedAt: string;
  needsUpdate?: boolean;
  etag: string;
};
type Health = {
  orgId: string;
  reason: string;
  needsUpdate?: number;
  names?: { fi: string; sv?: string; en?: string };
};

describe("listing provenance: the listing's date, introduction and notes are kept", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  /** The server's clock (the seam we own): the seed is installed a few weeks after the listing. */
  let clock = new Date("2021-07-01T09:00:00Z");
  let coordinator: string;
  before(async () => {
    connector = await startConnectorRecorder();
    t = await startDirectoryApp({ overrides: { now: () => clock } });
    coordinator = await t.sso.mint({ oid: "aad-prov-coordinator", roles: ["Dialogi.Coordinator"] });
  });
  after(async () => {
    await t.close();
    await connector.close();
  });

  it("imported entries say when they were listed, the organisation carries its source listing", async () => {
    const res = await t.call<{
      organisation: { source?: { title: string; date?: string; intro: string[]; notes: string[] } };
      entries: Entry[];
    }>("/api/directory/organisations/il", { token: coordinator });
    assert.equal(res.status, 200);
    const source = res.body.organisation.source!;
    assert.equal(source.date, "2021-06-08");
    assert.match(source.title, /Vertaisdialogin listaus/);
    assert.match(source.intro[0]!, /Vertaisdialogiin 8\.6\.2021 osallistuneiden/);
    assert.deepEqual(source.notes, ["Kelaa sitä.", "Tai lue vaikka lisää ajatuksia dialogista."]);
    for (const e of res.body.entries) {
      assert.equal(e.listedAt, "2021-06-08");
      assert.equal(e.createdAt, clock.toISOString(), "installed later than listed");
    }
    // An edit keeps the provenance.
    const first = res.body.entries[0]!;
    const full = await t.call<{ entry: Record<string, unknown> }>(`/api/directory/entries/il/${first.id}`, {
      token: coordinator,
    });
    const { section, title, description, time, places, partners, themes, areas } = full.body.entry;
    const edited = await t.call<{ entry: Entry }>(`/api/directory/entries/il/${first.id}`, {
      method: "PUT",
      token: coordinator,
      headers: { "if-match": first.etag },
      body: {
        section,
        title: `${String(title)} (täydennetty)`,
        description,
        time,
        places,
        partners,
        themes,
        areas,
      },
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.entry.listedAt, "2021-06-08");
  });

  it("flags an upcoming entry whose time has passed and lets the stale-listing reminder fire for it", async () => {
    // Staff of a new organisation, who have chatted with the bot (so reminders reach them).
    const staff = { userId: "aad-prov-staff", userName: "Sari Staff", locale: "fi-FI", tenantId: SSO_TENANT };
    await driver(t.app, connector).say(staff, "help");
    const org = await t.call("/api/directory/organisations", {
      method: "POST",
      token: coordinator,
      body: {
        id: "tuleva",
        shortName: "TV",
        names: { fi: "Tuleva virasto" },
        type: "agency",
        listingMissing: false,
      },
    });
    assert.equal(org.status, 201);
    await t.call("/api/directory/memberships/aad-prov-staff", {
      method: "PUT",
      token: coordinator,
      body: { orgIds: ["tuleva"], name: staff.userName },
    });
    const created = await t.call<{ entry: Entry }>("/api/directory/entries", {
      method: "POST",
      token: coordinator,
      body: {
        orgId: "tuleva",
        section: "upcoming",
        title: "Syksyn kansalaisraati",
        description: "",
        time: { text: "marraskuu 2021", start: "2021-11-01", end: "2021-11-30" },
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const health = async () =>
      (await t.call<{ items: Health[] }>("/api/peer/listing-health", { token: coordinator })).body.items;

    // Before its time: not flagged, and the listing is fresh.
    let entry = (
      await t.call<{ entry: Entry }>(`/api/directory/entries/tuleva/${created.body.entry.id}`, {
        token: coordinator,
      })
    ).body.entry;
    assert.equal(entry.needsUpdate, undefined);
    assert.equal(
      (await health()).find((h) => h.orgId === "tuleva"),
      undefined,
    );

    // December: the time has passed. Updated in July, so it is not stale — only the passed item flags it.
    clock = new Date("2021-12-15T09:00:00Z");
    entry = (
      await t.call<{ entry: Entry }>(`/api/directory/entries/tuleva/${created.body.entry.id}`, {
        token: coordinator,
      })
    ).body.entry;
    assert.equal(entry.needsUpdate, true);
    assert.deepEqual(
      (await health()).find((h) => h.orgId === "tuleva"),
      {
        orgId: "tuleva",
        name: "Tuleva virasto",
        // The directory's names per language, so the tab can name the listing in the reader's.
        names: { fi: "Tuleva virasto" },
        reason: "needsUpdate",
        needsUpdate: 1,
        lastUpdated: "2021-07-01T09:00:00.000Z",
        reachable: 1,
      },
    );
    const mark = connector.calls.length;
    const sent = await t.call("/api/peer/listing-health/tuleva/remind", {
      method: "POST",
      token: coordinator,
      body: {},
    });
    assert.deepEqual(sent.body, { delivered: 1, recipients: 1 });
    assert.equal(
      personalActivities(connector, staff.userId, mark).length,
      1,
      "the reminder reached the staff",
    );

    // The 2021 listing's undated "Tulossa" items count as passed a year after the listing date.
    clock = new Date("2022-06-20T09:00:00Z");
    const items = await health();
    assert.equal(items.find((h) => h.orgId === "il")?.reason, "needsUpdate");
    const il = await t.call<{ entries: Entry[] }>("/api/directory/organisations/il", { token: coordinator });
    assert.ok(il.body.entries.some((e) => e.section === "upcoming" && e.needsUpdate));
    assert.ok(il.body.entries.every((e) => e.section === "upcoming" || !e.needsUpdate));
  });
});
