import assert from "node:assert/strict";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "./helpers";

type Facets = { themes: string[]; years: number[] };
type Counts = { done: number; upcoming: number; other: number };
type OrgView = {
  id: string;
  names: { fi: string; sv?: string; en?: string };
  entryCount: number;
  sectionCounts: Counts;
  requiresReview: boolean;
  etag: string;
};

/** The name the list is sorted by: the language's, else the Finnish one. */
const nameIn = (o: OrgView, lang: "fi" | "sv" | "en") => o.names[lang]?.trim() || o.names.fi;

describe("directory facets and organisation counts (GET /api/directory/facets, /organisations)", () => {
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

  const facets = (token: string, lang: "fi" | "sv" | "en" = "fi") =>
    t.call<Facets>("/api/directory/facets", { token, lang });
  const everything = async (token: string) =>
    (await t.call<{ items: ApiEntry[] }>("/api/directory/entries?limit=1000", { token })).body.items;
  const organisations = (token: string, lang: "fi" | "sv" | "en") =>
    t.call<{ items: OrgView[] }>("/api/directory/organisations", { token, lang });

  it("needs a signed-in caller", async () => {
    assert.equal((await t.call("/api/directory/facets")).status, 401);
  });

  it("offers the themes and years of every visible entry, not of one search page", async () => {
    const all = await everything(reader);
    // A search page is 100 entries by default: the facets must not depend on it.
    const page = (await t.call<{ items: ApiEntry[] }>("/api/directory/entries?limit=5", { token: reader }))
      .body.items;
    assert.ok(page.length < all.length);
    const res = await facets(reader, "fi");
    assert.equal(res.status, 200);
    const themes = [...new Set(all.flatMap((e) => e.themes))];
    assert.ok(themes.length > 5, "the seed has themes to offer");
    assert.deepEqual([...res.body.themes].sort(), [...themes].sort());
    assert.deepEqual(res.body.themes, [...themes].sort(new Intl.Collator("fi").compare));
    const years = [...new Set(all.map((e) => e.time.year).filter((y): y is number => y !== undefined))];
    assert.deepEqual(
      res.body.years,
      years.sort((a, b) => b - a),
    );
  });

  it("never offers a theme only a hidden (pending) entry has, and counts it only for its editors", async () => {
    const vm = (
      await t.call<{ organisation: OrgView }>("/api/directory/organisations/vm", { token: coordinator })
    ).body.organisation;
    const { entryCount: _c, sectionCounts: _s, ...editable } = vm;
    const held = await t.call("/api/directory/organisations/vm", {
      method: "PUT",
      token: coordinator,
      body: { ...editable, requiresReview: true },
      headers: { "if-match": vm.etag },
    });
    assert.equal(held.status, 200);
    const before = (await organisations(reader, "fi")).body.items.find((o) => o.id === "vm")!;
    const created = await t.call<{ entry: ApiEntry }>("/api/directory/entries", {
      method: "POST",
      token: staff,
      body: {
        orgId: "vm",
        section: "upcoming",
        title: "Tuleva salainen dialogi",
        themes: ["Salaisuusteema"],
        time: { text: "2031" },
      },
    });
    assert.equal(created.body.entry.status, "pending");

    assert.ok(!(await facets(reader)).body.themes.includes("Salaisuusteema"));
    assert.ok(
      !(await facets(reader)).body.years.includes(2031) ||
        (await everything(reader)).some((e) => e.time.year === 2031),
    );
    assert.ok((await facets(staff)).body.themes.includes("Salaisuusteema"));

    const forReader = (await organisations(reader, "fi")).body.items.find((o) => o.id === "vm")!;
    const forStaff = (await organisations(staff, "fi")).body.items.find((o) => o.id === "vm")!;
    assert.deepEqual(forReader.sectionCounts, before.sectionCounts);
    assert.equal(forStaff.sectionCounts.upcoming, before.sectionCounts.upcoming + 1);
    assert.equal(forStaff.entryCount, before.entryCount + 1);
  });

  it("counts each organisation's visible entries by section (the counts add up to entryCount)", async () => {
    const all = await everything(reader);
    const { items } = (await organisations(reader, "fi")).body;
    for (const o of items) {
      const mine = all.filter((e) => e.orgId === o.id);
      const expected: Counts = { done: 0, upcoming: 0, other: 0 };
      for (const e of mine) expected[e.section as keyof Counts]++;
      assert.deepEqual(o.sectionCounts, expected, o.id);
      assert.equal(o.entryCount, mine.length, o.id);
    }
    assert.ok(
      items.some((o) => o.sectionCounts.upcoming > 0),
      "the seed has upcoming entries",
    );
  });

  it("sorts the organisations by name in the request's language", async () => {
    const orders: Record<string, string[]> = {};
    for (const lang of ["fi", "sv", "en"] as const) {
      const { items } = (await organisations(reader, lang)).body;
      const names = items.map((o) => nameIn(o, lang));
      assert.deepEqual(names, [...names].sort(new Intl.Collator(lang).compare), lang);
      orders[lang] = items.map((o) => o.id);
    }
    // The seed's Swedish names sort differently from the Finnish ones: the language is honoured.
    assert.notDeepEqual(orders.sv, orders.fi);
  });

  it("sorts the themes in the request's language", async () => {
    for (const lang of ["fi", "sv", "en"] as const) {
      const { themes } = (await facets(reader, lang)).body;
      assert.deepEqual(themes, [...themes].sort(new Intl.Collator(lang).compare), lang);
    }
  });
});
