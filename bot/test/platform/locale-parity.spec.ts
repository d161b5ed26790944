import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LANGUAGES } from "@dialogi/contracts";

// The bot falls back to Finnish for a missing key, so a Swedish or English string that was never
// written shows Finnish to the user while tests that compute their expected text with the
// production translator still pass. This spec reads the files themselves.
const LOCALES = path.resolve(__dirname, "../../src/platform/i18n/locales");

/** Flattens nested resources to `a.b.c` → string (arrays by index). */
function flatten(node: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof node === "string") out.set(prefix, node);
  else if (Array.isArray(node)) node.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else throw new Error(`${prefix}: not a string (${typeof node})`);
  return out;
}

const namespacesOf = (lang: string) =>
  readdirSync(path.join(LOCALES, lang))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();

const load = (lang: string, ns: string) =>
  flatten(JSON.parse(readFileSync(path.join(LOCALES, lang, `${ns}.json`), "utf8")));

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.,\s-]+?)\s*\}\}/g)].map((m) => m[1]).sort();

describe("bot translations (bot/src/platform/i18n/locales)", () => {
  const namespaces = namespacesOf("fi");

  it("every language has the namespaces of fi, and no others", () => {
    assert.ok(namespaces.length > 0, "no Finnish namespaces found");
    for (const lang of LANGUAGES) assert.deepEqual(namespacesOf(lang), namespaces, lang);
  });

  for (const lang of LANGUAGES.filter((l) => l !== "fi")) {
    it(`${lang} has exactly the keys of fi in every namespace`, () => {
      const problems: string[] = [];
      for (const ns of namespaces) {
        const fi = load("fi", ns);
        const other = load(lang, ns);
        for (const key of fi.keys()) if (!other.has(key)) problems.push(`${lang} lacks ${ns}:${key}`);
        for (const key of other.keys())
          if (!fi.has(key)) problems.push(`${lang} has ${ns}:${key}, fi lacks it`);
      }
      assert.deepEqual(problems, []);
    });

    it(`${lang} uses the same {{placeholders}} as fi in every string`, () => {
      const problems: string[] = [];
      for (const ns of namespaces) {
        const other = load(lang, ns);
        for (const [key, fiText] of load("fi", ns)) {
          const text = other.get(key);
          if (text !== undefined && placeholders(text).join() !== placeholders(fiText).join())
            problems.push(`${lang} ${ns}:${key}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }

  it("has no empty strings", () => {
    const empty: string[] = [];
    for (const lang of LANGUAGES)
      for (const ns of namespaces)
        for (const [key, text] of load(lang, ns)) if (text.trim() === "") empty.push(`${lang} ${ns}:${key}`);
    assert.deepEqual(empty, []);
  });
});
