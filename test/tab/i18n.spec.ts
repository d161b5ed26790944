import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LANGUAGES, LIMITS } from "@dialogi/contracts";
import { startDirectoryApp, type DirectoryTestApp } from "../../bot/test/directory/api/helpers";

const I18N = path.resolve(__dirname, "../../tab/src/platform/i18n");
const LANGS = LANGUAGES;

function load(lang: string): unknown {
  return JSON.parse(readFileSync(path.join(I18N, `${lang}.json`), "utf8"));
}

/** Flattens nested resources to `a.b.c` → string (arrays by index). */
function flatten(node: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof node === "string") out.set(prefix, node);
  else if (Array.isArray(node)) node.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: not a string (${typeof node})`);
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("tab translations (tab/src/platform/i18n)", () => {
  const resources = Object.fromEntries(LANGS.map((l) => [l, flatten(load(l))])) as Record<
    (typeof LANGS)[number],
    Map<string, string>
  >;

  for (const lang of ["sv", "en"] as const) {
    it(`${lang} has exactly the keys of fi`, () => {
      const fi = [...resources.fi.keys()].sort();
      const other = [...resources[lang].keys()].sort();
      assert.deepEqual(
        other.filter((k) => !resources.fi.has(k)),
        [],
        `${lang} has keys fi lacks`,
      );
      assert.deepEqual(
        fi.filter((k) => !resources[lang].has(k)),
        [],
        `${lang} lacks keys of fi`,
      );
    });

    it(`${lang} uses the same {{placeholders}} as fi in every string`, () => {
      for (const [key, fiText] of resources.fi) {
        assert.deepEqual(
          placeholders(resources[lang].get(key) ?? ""),
          placeholders(fiText),
          `${lang}:${key}`,
        );
      }
    });
  }

  it("has no empty strings", () => {
    for (const lang of LANGS)
      for (const [key, text] of resources[lang]) assert.ok(text.trim() !== "", `${lang}:${key} is empty`);
  });
});

// The editor checks titles against the contracts' LIMITS; the API must hold the same line, or
// the tab would accept a title the server refuses (or refuse one it would keep). Asked of the
// API itself: comparing the two LIMITS objects compares the re-exported object with itself.
describe("the editor's title limit (LIMITS.title from @dialogi/contracts) is the API's", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let coordinator: string;
  before(async () => {
    t = await startDirectoryApp();
    coordinator = await t.signIn("coordinator");
  });
  after(() => t?.close());

  const post = (title: string) =>
    t.call<{ fields?: Record<string, string> }>("/api/directory/entries", {
      method: "POST",
      token: coordinator,
      body: { orgId: "vm", section: "done", title },
    });

  it(`a title of exactly LIMITS.title (${LIMITS.title}) characters is saved (201)`, async () => {
    const res = await post("x".repeat(LIMITS.title));
    assert.equal(res.status, 201, JSON.stringify(res.body));
  });

  it(`a title of LIMITS.title + 1 characters is refused (400, on the title)`, async () => {
    const res = await post("x".repeat(LIMITS.title + 1));
    assert.equal(res.status, 400);
    assert.ok(res.body.fields?.title, JSON.stringify(res.body));
  });
});
