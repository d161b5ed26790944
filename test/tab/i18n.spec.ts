import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LANGUAGES, LIMITS as CONTRACT_LIMITS } from "@dialogi/contracts";
import { LIMITS as SERVER_LIMITS } from "../../bot/src/features/directory/domain/validation/limits";

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

  it("the editor's client-side limits (from @dialogi/contracts) match the server's", () => {
    assert.deepEqual(CONTRACT_LIMITS, SERVER_LIMITS);
  });
});
