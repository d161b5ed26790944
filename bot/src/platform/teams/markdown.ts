/**
 * Adaptive Card `TextBlock` text and `FactSet` facts are rendered as Markdown by Teams, so a
 * dialogue description like `[Verify your account](https://evil)` would become a link posted by
 * the trusted bot. Everything that reaches those fields is shown literally instead.
 */

// CommonMark lets any ASCII punctuation be backslash-escaped. Escaped anywhere: what makes
// emphasis, code, links and images (`[` `]` — a link or image needs both), HTML and autolinks
// (`<` `>`, also quotes) and entities (`&`). Escaped only at the start of a line: headings and lists ("# ", "- ", "1. ").
// Dates ("25.3.2031"), times and parentheses stay untouched, so ordinary text reads the same.
const INLINE = /[\\`*_~[\]<>&]/g;
// A marker counts only when a space, tab or the line end follows (CommonMark), so "25.3.2031" or
// "-5 °C" at the start of a line stay as they are; "===" / "---" under a line would make a heading.
const LINE_START = /^([ \t]{0,3})(#{1,6}|[-+]|\d{1,9}[.)]|={1,99}|-{2,99})(?=[ \t]|$)/gm;

/** Escapes Markdown so the text renders exactly as typed (in Teams and any CommonMark renderer). */
export function escapeMarkdown(text: string): string {
  return text.replace(INLINE, "\\$&").replace(LINE_START, (_, indent: string, mark: string) => {
    // "1." → "1\.", "-" → "\-": the marker loses its meaning, the text stays.
    return /^\d/.test(mark) ? `${indent}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${indent}\\${mark}`;
  });
}

/** Element fields Teams renders as Markdown. */
function escapeElement(node: Record<string, unknown>): void {
  if (node.type === "TextBlock" && typeof node.text === "string") node.text = escapeMarkdown(node.text);
  if (node.type === "FactSet" && Array.isArray(node.facts)) {
    for (const fact of node.facts as Record<string, unknown>[]) {
      if (typeof fact?.title === "string") fact.title = escapeMarkdown(fact.title);
      if (typeof fact?.value === "string") fact.value = escapeMarkdown(fact.value);
    }
  }
}

/**
 * Escapes every Markdown-rendered field of a card in place (TextBlock text, FactSet titles and
 * values). Our templates and translations use no Markdown on purpose, so the whole card can be
 * treated as plain text; inputs, choices, action titles and `speak` are not Markdown and stay.
 */
export function escapeCardMarkdown<T>(card: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    escapeElement(o);
    for (const [k, v] of Object.entries(o)) if (k !== "facts" && typeof v === "object") walk(v);
  };
  walk(card);
  return card;
}
