import { cleanLine, cleanMultiline } from "../../../platform/text/sanitize";
import type { SeriesFieldError } from "./errors";

/**
 * Helpers to read untrusted input from a card (everything a string) or the REST API (typed JSON)
 * the same way, collecting every problem instead of stopping at the first.
 */
export class FieldReader {
  readonly errors: SeriesFieldError[] = [];
  constructor(private readonly raw: Record<string, unknown>) {}

  private fail(field: string, key: string, params?: SeriesFieldError["params"]): void {
    this.errors.push({ field, key, params });
  }

  /** One line; control characters removed; `required` and `max` checked after cleaning. */
  line(field: string, max: number, required = true): string {
    const v = cleanLine(this.raw[field]);
    if (required && !v) this.fail(field, "required");
    if (v.length > max) this.fail(field, "tooLong", { max });
    return v;
  }

  /** Multi-line text. */
  text(field: string, max: number, required = false, from: unknown = this.raw[field]): string {
    const v = cleanMultiline(from);
    if (required && !v) this.fail(field, "required");
    if (v.length > max) this.fail(field, "tooLong", { max });
    return v;
  }

  /** A list given as an array or as text with one item per line (cards); blanks dropped. */
  list(field: string, maxItems: number, maxEach: number): string[] {
    const raw = this.raw[field];
    const items = (Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/\r?\n/) : [])
      .map(cleanLine)
      .filter(Boolean);
    if (items.length > maxItems) this.fail(field, "tooMany", { max: maxItems });
    if (items.some((i) => i.length > maxEach)) this.fail(field, "tooLong", { max: maxEach });
    return [...new Set(items)];
  }

  /** One of `allowed`. */
  choice<T extends string>(field: string, allowed: readonly T[], fallback?: T): T {
    const v = cleanLine(this.raw[field]);
    if (!v && fallback !== undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      this.fail(field, v ? "invalidChoice" : "required");
      return allowed[0]!;
    }
    return v as T;
  }

  /** Several of `allowed`: an array or a comma-separated string (Input.ChoiceSet isMultiSelect). */
  choices<T extends string>(field: string, allowed: readonly T[], required = true): T[] {
    const raw = this.raw[field];
    const values = (Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(",") : [])
      .map(cleanLine)
      .filter(Boolean);
    const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length) this.fail(field, "invalidChoice");
    if (required && values.length === 0) this.fail(field, "required");
    return [...new Set(values.filter((v) => !bad.includes(v)))] as T[];
  }

  /** A whole number in [min, max]; numbers or digit strings. */
  int(field: string, min: number, max: number, required = true): number {
    const raw = this.raw[field];
    const s = typeof raw === "number" ? String(raw) : cleanLine(raw);
    if (!s) {
      if (required) this.fail(field, "required");
      return min;
    }
    const n = Number(s);
    if (!/^\d+$/.test(s) || !Number.isSafeInteger(n) || n < min || n > max) {
      this.fail(field, "numberRange", { min, max });
      return min;
    }
    return n;
  }

  /** true/false from a JSON boolean or an Input.Toggle string. */
  bool(field: string): boolean {
    const raw = this.raw[field];
    return raw === true || raw === "true" || raw === "1" || raw === "on";
  }

  /** Records a problem found by the caller. */
  problem(field: string, key: string, params?: SeriesFieldError["params"]): void {
    this.fail(field, key, params);
  }
}
