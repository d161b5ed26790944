import { ValidationError, type FieldProblemCode, type FieldProblems } from "../errors";
import { hasIllegalLineChars, hasIllegalTextChars, tidyLine, tidyText } from "../text/text-rules";

/** Options of {@link FieldChecker.line} and {@link FieldChecker.text}. */
export interface TextRule {
  required?: boolean;
  max: number;
}

/** Options of {@link FieldChecker.list}. */
export interface ListRule {
  maxItems: number;
  maxLength: number;
}

/** Shape of the ETags Azure Tables (and Azurite) issue: `W/"datetime'2024-01-01T00%3A00%3A00.123Z'"`. */
const ETAG = /^W\/"datetime'[0-9A-Za-z%.:-]{1,64}'"$/;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Collects every field problem of one request (not just the first), so the form can mark all
 * wrong fields at once. Each method returns the cleaned value, or undefined when refused/absent.
 */
export class FieldChecker {
  readonly problems: FieldProblems = {};

  /** Records a problem (the first one per field wins). */
  fail(path: string, code: FieldProblemCode, params?: Record<string, string | number>): undefined {
    if (!this.problems[path]) this.problems[path] = params ? { code, params } : { code };
    return undefined;
  }

  /** Throws {@link ValidationError} when anything failed. */
  throwIfAny(): void {
    if (Object.keys(this.problems).length > 0) throw new ValidationError(this.problems);
  }

  /** The body (or a nested value) must be a JSON object. */
  object(path: string, value: unknown, required = true): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return required ? this.fail(path, "required") : undefined;
    return isObject(value) ? value : this.fail(path, "invalidType", { expected: "object" });
  }

  /** Refuses keys outside `allowed`; keys in `ignored` (server-owned fields echoed back) pass. */
  knownKeys(
    prefix: string,
    value: Record<string, unknown>,
    allowed: readonly string[],
    ignored: readonly string[] = [],
  ) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key) && !ignored.includes(key)) this.fail(prefix + key, "unknownField");
    }
  }

  /** One-line text: no line breaks, controls or invisible characters. */
  line(path: string, value: unknown, rule: TextRule): string | undefined {
    return this.string(path, value, rule, false);
  }

  /** Multi-line text. */
  text(path: string, value: unknown, rule: TextRule): string | undefined {
    return this.string(path, value, rule, true);
  }

  private string(path: string, value: unknown, rule: TextRule, multiline: boolean): string | undefined {
    if (value === undefined || value === null || value === "") {
      return rule.required ? this.fail(path, "required") : undefined;
    }
    if (typeof value !== "string") return this.fail(path, "invalidType", { expected: "string" });
    if (multiline ? hasIllegalTextChars(value) : hasIllegalLineChars(value)) {
      return this.fail(path, "invalidChars");
    }
    const tidy = multiline ? tidyText(value) : tidyLine(value);
    if (tidy === "") return rule.required ? this.fail(path, "required") : undefined;
    if ([...tidy].length > rule.max) return this.fail(path, "tooLong", { max: rule.max });
    return tidy;
  }

  /** A list of short one-line strings; blanks and duplicates are dropped. */
  list(path: string, value: unknown, rule: ListRule): string[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(path, "invalidType", { expected: "array" }) ?? [];
    if (value.length > rule.maxItems) return this.fail(path, "tooMany", { max: rule.maxItems }) ?? [];
    const out: string[] = [];
    value.forEach((item, i) => {
      const s = this.line(`${path}.${i}`, item, { max: rule.maxLength });
      if (s && !out.includes(s)) out.push(s);
    });
    return out;
  }

  /** One of a fixed set of values. */
  oneOf<T extends string>(
    path: string,
    value: unknown,
    allowed: readonly T[],
    required = true,
  ): T | undefined {
    if (value === undefined || value === null || value === "") {
      return required ? this.fail(path, "required") : undefined;
    }
    if (typeof value !== "string") return this.fail(path, "invalidType", { expected: "string" });
    return (allowed as readonly string[]).includes(value)
      ? (value as T)
      : this.fail(path, "invalidValue", { allowed: allowed.join(", ") });
  }

  /** Every element one of a fixed set (duplicates dropped). */
  listOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(path, "invalidType", { expected: "array" }) ?? [];
    const out: T[] = [];
    value.forEach((item, i) => {
      const v = this.oneOf(`${path}.${i}`, item, allowed);
      if (v && !out.includes(v)) out.push(v);
    });
    return out;
  }

  /** An integer within bounds. */
  int(path: string, value: unknown, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return this.fail(path, "invalidType", { expected: "integer" });
    }
    return value < min || value > max ? this.fail(path, "invalidValue", { allowed: `${min}–${max}` }) : value;
  }

  /** A boolean (absent → `fallback`). */
  bool(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    return typeof value === "boolean"
      ? value
      : (this.fail(path, "invalidType", { expected: "boolean" }) ?? fallback);
  }

  /** An absolute http(s) URL. */
  url(path: string, value: unknown): string | undefined {
    const s = this.line(path, value, { max: 2000 });
    if (s === undefined) return undefined;
    try {
      const u = new URL(s);
      if (u.protocol === "https:" || u.protocol === "http:") return u.toString();
    } catch {
      // fall through to the field message
    }
    return this.fail(path, "invalidUrl");
  }

  /**
   * The `If-Match` header: an ETag exactly as a GET returned it (a weak datetime tag of the
   * table row). `*` is refused — it would overwrite whatever is stored, blindly.
   */
  ifMatch(value: unknown, required: boolean): string | undefined {
    if (value === undefined || value === null || value === "") {
      return required ? this.fail("If-Match", "required") : undefined;
    }
    if (typeof value !== "string" || !ETAG.test(value))
      return this.fail("If-Match", "invalidValue", { allowed: "ETag" });
    return value;
  }

  /** An ISO calendar date `YYYY-MM-DD` that exists. */
  isoDate(path: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") return this.fail(path, "invalidType", { expected: "string" });
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return this.fail(path, "invalidDate");
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return d.toISOString().slice(0, 10) === value ? value : this.fail(path, "invalidDate");
  }
}
