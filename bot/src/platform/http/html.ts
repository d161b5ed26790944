/**
 * Server-rendered HTML (public registration pages, e-mails, the dev outbox). `html` escapes every
 * interpolated value unless it is already {@link SafeHtml} (the result of another `html` call),
 * so user text can never become markup.
 */
import { escapeHtml } from "../text/escape-html";

/** Markup that is already escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for element content and quoted attribute values (kept here for the pages' imports). */
export { escapeHtml };

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

/** Tagged template: `html\`<p>${text}</p>\`` with `text` escaped. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new SafeHtml(out);
}

/** Sends a complete HTML page that must not be cached (it may carry personal state). */
export function sendHtml(
  res: { writeHead(status: number, headers: Record<string, string>): void; end(body: string): void },
  status: number,
  page: SafeHtml,
): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(`<!doctype html>\n${page.value}`);
}
