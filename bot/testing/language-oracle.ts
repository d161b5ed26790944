/**
 * Which of our languages a text the app produced is in, judged from the app's own translation
 * files: a fuzz oracle for "the error is in the user's language".
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LANGUAGES, type Language } from "../src/platform/i18n/i18n";

const LOCALES = path.join(__dirname, "../src/platform/i18n/locales");

function strings(node: unknown, out: string[] = []): string[] {
  if (typeof node === "string") out.push(node);
  else if (node && typeof node === "object") Object.values(node).forEach((v) => strings(v, out));
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

interface LanguageIndex {
  /** Whole translated messages as patterns (`{{x}}` matches anything). */
  messages: RegExp[];
  /** Fixed pieces (≥ 12 characters) that appear in no other language. */
  fragments: string[];
}

let index: Map<Language, LanguageIndex> | undefined;

function build(): Map<Language, LanguageIndex> {
  const all = new Map<Language, string[]>();
  for (const lang of LANGUAGES) {
    const dir = path.join(LOCALES, lang);
    all.set(
      lang,
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .flatMap((f) => strings(JSON.parse(readFileSync(path.join(dir, f), "utf8")))),
    );
  }
  const pieces = (s: string) =>
    s
      .split(/\{\{[^}]*\}\}|\$t\([^)]*\)|\n/)
      .map((p) => p.trim())
      .filter((p) => p.length >= 12);
  const result = new Map<Language, LanguageIndex>();
  for (const lang of LANGUAGES) {
    const others = LANGUAGES.filter((l) => l !== lang).flatMap((l) => all.get(l)!);
    const otherText = others.join("\n");
    result.set(lang, {
      messages: all.get(lang)!.map(
        (s) =>
          new RegExp(
            `^${s
              .split(/\{\{[^}]*\}\}/)
              .map(escape)
              .join("[\\s\\S]*?")}$`,
          ),
      ),
      fragments: [...new Set(all.get(lang)!.flatMap(pieces))].filter((p) => !otherText.includes(p)),
    });
  }
  return result;
}

/** True when `message` is one whole translated message of `lang` (with any values filled in). */
export function isMessageIn(message: string, lang: Language): boolean {
  index ??= build();
  return index.get(lang)!.messages.some((re) => re.test(message));
}

/**
 * The languages whose own wording appears in `text` (a card's texts or a reply): ideally exactly
 * the user's. User-typed text cannot fake this unless it copies our translations.
 */
export function languagesIn(text: string): Language[] {
  index ??= build();
  return LANGUAGES.filter((l) => index!.get(l)!.fragments.some((f) => text.includes(f)));
}
