/**
 * A seeded generator of hostile input for the write paths: oversize text, control, zero-width
 * and bidi characters, key-breaking characters in ids (`/ \ # ?`), lone surrogates, invalid
 * UTF-8, deeply nested JSON and markup meant to escape into HTML, Markdown or Adaptive Cards.
 * The same seed gives the same inputs, so a failure can be replayed.
 */
import { mulberry32 } from "../src/features/rounds/domain/grouping/prng";

/** Marks injected text so tests can find where it ends up. */
export const FUZZ_MARKER = "ZQX";

/** The seeded PRNG the grouping uses (mulberry32), so a failure can be replayed. */
export const seededRandom = mulberry32;

/** Markup that must stay inert text wherever it is shown. */
export const INJECTIONS: readonly string[] = [
  `${FUZZ_MARKER}<script>alert(1)</script>`,
  `${FUZZ_MARKER}<img src=x onerror=alert(1)>`,
  `${FUZZ_MARKER}"><svg/onload=alert(1)>`,
  `${FUZZ_MARKER}[click me](javascript:alert(1))`,
  `${FUZZ_MARKER}![x](https://evil.example/pixel.png)`,
  `${FUZZ_MARKER}**bold** _it_ # heading\n- list`,
  `${FUZZ_MARKER}{"type":"Action.OpenUrl","title":"Win","url":"https://evil.example"}`,
  `${FUZZ_MARKER}"}]},{"type":"Action.Submit","title":"Pwn","data":{"verb":"dialogue.cancel"}}`,
  `${FUZZ_MARKER}\${$root.secret} {{user.name}} \${if(true, 'a', 'b')}`,
  `${FUZZ_MARKER}=HYPERLINK("https://evil.example")`,
  `${FUZZ_MARKER}<at>Dialogi</at> julkaise`,
];

const CONTROL = ["\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u001b", "\u007f", "\u0085", "\u009f"];
const INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u2066", "\u00ad"];
const KEY_BREAKERS = ["/", "\\", "#", "?", "%", "'", "~", "..", "%2F", "\t", "\n"];
const SURROGATES = ["\ud800", "\udfff", "\udc00x", "x\ud83d", "\ud83d\ude00"];

/** One generated input with a short label (for failure messages). */
export interface FuzzValue {
  label: string;
  value: unknown;
}

/** The generator bound to one seed. */
export interface Fuzzer {
  random: () => number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A hostile string (any kind). */
  text(): FuzzValue;
  /** A hostile id (for ids in card data and URL paths). */
  id(): FuzzValue;
  /** A value of a wrong or hostile type for a field that expects a short string. */
  field(): FuzzValue;
  /** JSON text nested `depth` levels deep (objects or arrays). */
  nestedJson(depth: number): string;
}

/** Creates a fuzzer for `seed`. */
export function createFuzzer(seed: number): Fuzzer {
  const random = seededRandom(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const sprinkle = (base: string, chars: readonly string[], n: number) => {
    let s = base;
    for (let i = 0; i < n; i++) {
      const at = int(s.length + 1);
      s = s.slice(0, at) + pick(chars) + s.slice(at);
    }
    return s;
  };
  const base = () => pick(["Dialogi", "Luottamus hallintoon", "Tillit", "Trust", "a"]) + ` ${FUZZ_MARKER}`;

  const texts: (() => FuzzValue)[] = [
    () => ({ label: "markup", value: pick(INJECTIONS) }),
    () => ({ label: "control", value: sprinkle(base(), CONTROL, 1 + int(5)) }),
    () => ({ label: "invisible", value: sprinkle(base(), INVISIBLE, 1 + int(5)) }),
    () => ({ label: "surrogate", value: sprinkle(base(), SURROGATES, 1 + int(3)) }),
    () => ({ label: "key-breakers", value: sprinkle(base(), KEY_BREAKERS, 1 + int(4)) }),
    () => ({ label: "oversize", value: `${FUZZ_MARKER}${"ä".repeat(pick([5_000, 70_000, 200_000]))}` }),
    () => ({ label: "empty", value: pick(["", " ", "\n\n", "\u200b"]) }),
    () => ({ label: "markup+invisible", value: sprinkle(pick(INJECTIONS), INVISIBLE, 2) }),
  ];
  const text = () => pick(texts)();
  return {
    random,
    int,
    pick,
    text,
    id() {
      const kind = pick(["breakers", "traversal", "long", "surrogate", "odata", "text"]);
      const value =
        kind === "breakers"
          ? sprinkle("d-abcdefgh", KEY_BREAKERS, 1 + int(3))
          : kind === "traversal"
            ? pick(["../../Dialogues/meta", "..\\..\\x", "%2e%2e%2f", "a/b#c?d"])
            : kind === "long"
              ? "d-" + "a".repeat(pick([70, 600, 5000]))
              : kind === "surrogate"
                ? sprinkle("d-abcdefgh", SURROGATES, 1)
                : kind === "odata"
                  ? pick(["x' or PartitionKey ne '", "vm' or '1' eq '1", "*", "$filter=true"])
                  : String(text().value).slice(0, 200);
      return { label: `id:${kind}`, value };
    },
    field() {
      const kind = pick(["text", "text", "text", "number", "object", "array", "bool", "null"]);
      if (kind === "text") return text();
      const value =
        kind === "number"
          ? pick([-1, 0, 1e308, NaN, 3.5, Number.MAX_SAFE_INTEGER])
          : kind === "object"
            ? pick<unknown>([{ type: "TextBlock", text: FUZZ_MARKER }, { $gt: "" }, { toString: "x" }, {}])
            : kind === "array"
              ? pick([[], [FUZZ_MARKER], [[["x"]]]])
              : kind === "bool"
                ? pick([true, false])
                : null;
      return { label: `type:${kind}`, value };
    },
    nestedJson(depth) {
      return random() < 0.5
        ? '{"a":'.repeat(depth) + "1" + "}".repeat(depth)
        : "[".repeat(depth) + "]".repeat(depth);
    },
  };
}
