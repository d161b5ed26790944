/**
 * Finds e-mail addresses in free text in linear time. The regular expressions this replaces
 * (`[local]+@[domain]+(\.[label]+)*\.\p{L}{2,}`) backtrack quadratically on runs such as
 * "a@a@a@…" or 20,000 letters without an "@", freezing the process for seconds.
 */

const LOCAL = /[\p{L}\p{N}._%+-]/u;
const LABEL = /[\p{L}\p{N}-]/u;
const LETTER = /\p{L}/u;

/** Options of {@link emailSpans}. */
export interface EmailOptions {
  /** Allow empty domain labels ("a@b..fi", "a@.b.fi"), as the series masker always did. */
  looseDomain?: boolean;
}

/** Code-unit test of one character (letters outside the BMP are rare in addresses; surrogates fail). */
const is = (re: RegExp, ch: string | undefined) => ch !== undefined && re.test(ch);

/**
 * Where the domain after an "@" at `from` ends: the longest prefix of the domain run that ends in
 * "." plus two or more letters (the top-level domain), or -1 when there is none.
 */
function domainEnd(text: string, from: number, loose: boolean): number {
  let best = -1;
  let labelLength = 0;
  let i = from;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ".") {
      if (labelLength === 0 && !loose) break;
      let k = i + 1;
      while (is(LETTER, text[k])) k++;
      // At least one character before the dot, two or more letters after it.
      if (i > from && k - i - 1 >= 2) best = k;
      labelLength = 0;
    } else if (is(LABEL, ch)) labelLength++;
    else break;
  }
  return best;
}

/** The [start, end) spans of e-mail addresses in `text`, left to right, not overlapping. */
export function emailSpans(text: string, options: EmailOptions = {}): [number, number][] {
  const spans: [number, number][] = [];
  let consumed = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", Math.max(at + 1, consumed))) {
    let start = at;
    while (start > consumed && is(LOCAL, text[start - 1])) start--;
    if (start === at) continue;
    const end = domainEnd(text, at + 1, options.looseDomain ?? false);
    if (end === -1) continue;
    spans.push([start, end]);
    consumed = end;
  }
  return spans;
}

/** Replaces every e-mail address with `replace()`'s result. */
export function replaceEmails(text: string, replace: () => string, options: EmailOptions = {}): string {
  const spans = emailSpans(text, options);
  if (spans.length === 0) return text;
  let out = "";
  let last = 0;
  for (const [s, e] of spans) {
    out += text.slice(last, s) + replace();
    last = e;
  }
  return out + text.slice(last);
}
