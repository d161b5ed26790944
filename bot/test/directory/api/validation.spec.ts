import assert from "node:assert/strict";
import { startDirectoryApp, type ApiEntry, type DirectoryTestApp } from "./helpers";

type ErrorBody = { error: string; message: string; fields?: Record<string, string> };

const valid = { orgId: "vm", section: "done", title: "Kelvollinen" };

/** [case, request body (object or raw JSON text), field, English message (regexp)] */
const ENTRY_CASES: [string, unknown, string, RegExp][] = [
  ["missing title", { ...valid, title: undefined }, "title", /^Required\.$/],
  ["blank title", { ...valid, title: "   " }, "title", /^Required\.$/],
  ["title over 200 characters", { ...valid, title: "x".repeat(201) }, "title", /^At most 200 characters\.$/],
  ["description over 4000", { ...valid, description: "x".repeat(4001) }, "description", /At most 4000/],
  ["control character", { ...valid, title: "Kello\u0007" }, "title", /cannot be saved/],
  ["line break in a title", { ...valid, title: "kaksi\nriviä" }, "title", /cannot be saved/],
  ["zero-width space", { ...valid, description: "piilo\u200bmerkki" }, "description", /cannot be saved/],
  ["bidi override", { ...valid, title: "abc\u202edcb" }, "title", /cannot be saved/],
  ["unknown organisation", { ...valid, orgId: "xyz" }, "orgId", /not in the directory/],
  ["slash in an id", { ...valid, orgId: "vm/om" }, "orgId", /cannot be saved/],
  ["hash in an id", { ...valid, orgId: "vm#1" }, "orgId", /cannot be saved/],
  ["question mark in an id", { ...valid, orgId: "vm?" }, "orgId", /cannot be saved/],
  ["backslash in an id", { ...valid, orgId: "vm\\om" }, "orgId", /cannot be saved/],
  ["control character in an id", { ...valid, orgId: "vm\u0001" }, "orgId", /cannot be saved/],
  ["malformed id", { ...valid, orgId: "VM ministeriö" }, "orgId", /not in the right format/],
  ["number as id", { ...valid, orgId: 7 }, "orgId", /Wrong type \(expected: string\)/],
  ["missing section", { ...valid, section: undefined }, "section", /^Required\.$/],
  ["unknown section", { ...valid, section: "past" }, "section", /allowed: done, upcoming, other/],
  ["string instead of a list", { ...valid, places: "Helsinki" }, "places", /expected: array/],
  [
    "too many places",
    { ...valid, places: Array.from({ length: 31 }, (_, i) => `p${i}`) },
    "places",
    /At most 30/,
  ],
  ["number in a list", { ...valid, themes: ["ok", 5] }, "themes.1", /expected: string/],
  ["count as text", { ...valid, eventCount: "8" }, "eventCount", /expected: integer/],
  ["negative count", { ...valid, eventCount: -1 }, "eventCount", /Not an allowed value/],
  ["unknown work area", { ...valid, areas: ["trust", "magic"] }, "areas.1", /openActivity/],
  ["script link", { ...valid, link: "javascript:alert(1)" }, "link", /https:\/\//],
  ["impossible date", { ...valid, time: { text: "x", start: "2021-02-30" } }, "time.start", /YYYY-MM-DD/],
  ["end before start", { ...valid, time: { start: "2021-05-01", end: "2021-04-01" } }, "time.end", /allowed/],
  ["time as text", { ...valid, time: "kevät 2021" }, "time", /expected: object/],
  ["unknown parent", { ...valid, parentId: "0123456789abcdef" }, "parentId", /parent entry/],
  ["unknown field", { ...valid, colour: "red" }, "colour", /^Unknown field\.$/],
  ["boolean as language", { ...valid, language: true }, "language", /expected: string/],
  ["array body", "[]", "body", /expected: object/],
  ["null body", "null", "body", /^Required\.$/],
];

describe("directory API: bad input → 400 with translated field messages", () => {
  let t: DirectoryTestApp;
  let coordinator: string;
  let existing: ApiEntry;
  before(async () => {
    t = await startDirectoryApp();
    coordinator = await t.signIn("coordinator");
    const vm = await t.call<{ entries: ApiEntry[] }>("/api/directory/organisations/vm", {
      token: coordinator,
    });
    existing = vm.body.entries[0]!;
  });
  after(() => t.close());

  const post = (body: unknown, lang = "en") =>
    t.call<ErrorBody>("/api/directory/entries", { method: "POST", token: coordinator, body, lang });

  for (const [name, body, field, message] of ENTRY_CASES) {
    it(`POST entry: ${name}`, async () => {
      const res = await post(body);
      assert.equal(res.status, 400);
      assert.equal(res.body.error, "validation");
      assert.equal(res.body.message, "Check the highlighted fields.");
      assert.match(res.body.fields?.[field] ?? "(no message)", message);
    });
  }

  it("reports every bad field at once", async () => {
    const res = await post({ orgId: "vm", section: "later", title: "", places: "x" });
    assert.deepEqual(Object.keys(res.body.fields ?? {}).sort(), ["places", "section", "title"]);
  });

  it("translates field messages to Finnish (default) and Swedish", async () => {
    const fi = await post({ ...valid, title: "x".repeat(201) }, "fi-FI,fi;q=0.9");
    assert.equal(fi.body.message, "Tarkista merkityt kentät.");
    assert.equal(fi.body.fields?.title, "Enintään 200 merkkiä.");
    const sv = await post({ ...valid, title: undefined }, "sv-FI");
    assert.equal(sv.body.fields?.title, "Obligatorisk uppgift saknas.");
    const fallback = await post({ ...valid, title: undefined }, "de-DE");
    assert.equal(fallback.body.fields?.title, "Pakollinen tieto puuttuu.");
  });

  it("answers malformed JSON with a translated 400", async () => {
    const en = await post("{ not json");
    assert.equal(en.status, 400);
    assert.deepEqual(en.body, { error: "badRequest", message: "The request body is not valid JSON." });
    const fi = await post('{"title": "x",}', "fi");
    assert.equal(fi.body.message, "Pyynnön sisältö ei ole kelvollista JSONia.");
  });

  it("answers an oversize body with a translated 413", async () => {
    const res = await post({ ...valid, description: "x".repeat(300_000) }, "sv");
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { error: "tooLarge", message: "Begäran är för stor." });
  });

  it("refuses a body that is not JSON", async () => {
    const res = await t.call<ErrorBody>("/api/directory/entries", {
      method: "POST",
      token: coordinator,
      body: "title=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    assert.equal(res.status, 415);
  });

  const PATH_CASES: [string, string, string][] = [
    ["encoded slash", "vm%2Fom", "orgId"],
    ["encoded hash", "vm%23", "orgId"],
    ["encoded question mark", "vm%3F", "orgId"],
    ["encoded control character", "vm%07", "orgId"],
  ];
  for (const [name, orgId, field] of PATH_CASES) {
    it(`PUT entry: ${name} in the URL`, async () => {
      const res = await t.call<ErrorBody>(`/api/directory/entries/${orgId}/${existing.id}`, {
        method: "PUT",
        token: coordinator,
        body: valid,
        headers: { "if-match": existing.etag },
      });
      assert.equal(res.status, 400);
      assert.match(res.body.fields?.[field] ?? "", /cannot be saved/);
    });
  }

  it("PUT entry: If-Match is required, the body's orgId must match the URL", async () => {
    const path = `/api/directory/entries/vm/${existing.id}`;
    const noEtag = await t.call<ErrorBody>(path, { method: "PUT", token: coordinator, body: valid });
    assert.equal(noEtag.status, 400);
    assert.equal(noEtag.body.fields?.["If-Match"], "Required.");
    for (const blind of ["*", "garbage", '"x"']) {
      const res = await t.call<ErrorBody>(path, {
        method: "PUT",
        token: coordinator,
        body: valid,
        headers: { "if-match": blind },
      });
      assert.equal(res.status, 400, `If-Match: ${blind}`); // never an unconditional overwrite
      assert.ok(res.body.fields?.["If-Match"]);
    }
    const moved = await t.call<ErrorBody>(path, {
      method: "PUT",
      token: coordinator,
      body: { ...valid, orgId: "om" },
      headers: { "if-match": existing.etag },
    });
    assert.equal(moved.status, 400);
    assert.match(moved.body.fields?.orgId ?? "", /Does not match/);
    const self = await t.call<ErrorBody>(path, {
      method: "PUT",
      token: coordinator,
      body: { ...valid, parentId: existing.id },
      headers: { "if-match": existing.etag },
    });
    assert.match(self.body.fields?.parentId ?? "", /parent entry/);
  });

  const QUERY_CASES: [string, string][] = [
    ["org=unknown", "org"],
    ["org=a%2Fb", "org"],
    ["year=abc", "year"],
    ["year=3000", "year"],
    ["limit=0", "limit"],
    ["section=past", "section"],
    ["area=magic", "area"],
    [`q=${"x".repeat(201)}`, "q"],
    ["q=%00", "q"],
  ];
  for (const [query, field] of QUERY_CASES) {
    it(`GET entries?${query.slice(0, 20)} → 400`, async () => {
      const res = await t.call<ErrorBody>(`/api/directory/entries?${query}`, { token: coordinator });
      assert.equal(res.status, 400);
      assert.ok(res.body.fields?.[field], JSON.stringify(res.body));
    });
  }

  it("validates organisations and memberships", async () => {
    const org = await t.call<ErrorBody>("/api/directory/organisations", {
      method: "POST",
      token: coordinator,
      body: { shortName: "X", names: { sv: "Bara svenska" }, type: "company", listingMissing: "yes" },
    });
    assert.equal(org.status, 400);
    assert.deepEqual(Object.keys(org.body.fields ?? {}).sort(), ["listingMissing", "names.fi", "type"]);
    const member = await t.call<ErrorBody>("/api/directory/memberships/someone@example.fi", {
      method: "PUT",
      token: coordinator,
      body: { orgIds: ["vm", "nope"] },
    });
    assert.equal(member.status, 400);
    assert.match(member.body.fields?.["orgIds.1"] ?? "", /not in the directory/);
    const badUser = await t.call<ErrorBody>("/api/directory/memberships/a%23b", {
      method: "PUT",
      token: coordinator,
      body: { orgIds: ["vm"] },
    });
    assert.equal(badUser.status, 400);
    assert.match(badUser.body.fields?.userId ?? "", /cannot be saved/);
  });
});
