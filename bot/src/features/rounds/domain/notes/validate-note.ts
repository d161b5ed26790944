/**
 * Validation and normalisation of a note as the scribe submits it. Text is cleaned rather than
 * rejected where the cleaning is invisible (control and zero-width characters, NFC), so pasting
 * from Word or Teams never fails; limits are errors with the limit, for a translated message.
 */

/** Longest note text, in characters (code points). */
export const MAX_NOTE_TEXT = 20_000;
/** Longest insights text, in characters. */
export const MAX_INSIGHTS_TEXT = 5_000;
/** Most themes per note, and the longest theme. */
export const MAX_THEMES = 20;
export const MAX_THEME_LENGTH = 60;

/** What the scribe sends. */
export interface NoteInput {
  text: string;
  themes: string[];
  insights?: string;
}

/** A valid, normalised note. */
export interface NoteValue {
  text: string;
  themes: string[];
  insights: string;
}

/** Field error codes (translated by the caller). */
export type NoteErrorCode = "required" | "invalidType" | "tooLong" | "tooMany";

/** One field's error; `limit` for tooLong/tooMany, `index` for the offending theme. */
export interface NoteFieldError {
  code: NoteErrorCode;
  limit?: number;
  index?: number;
}

/** The outcome of validation. */
export type NoteValidation =
  { ok: true; value: NoteValue } | { ok: false; errors: Partial<Record<keyof NoteInput, NoteFieldError>> };

// C0 controls except \t and \n, DEL and C1 controls.
const CONTROL = /[\u0000-\u0008\v\f\u000E-\u001F\u007F-\u009F]/g;
// Zero-width and bidirectional-override characters: invisible, and used to hide or reorder text.
const INVISIBLE = /[\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Cleans multi-line text: CRLF → LF, no control/invisible chars or lone surrogates, NFC, trimmed. */
export function cleanText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .replace(LONE_SURROGATE, "\uFFFD")
    .normalize("NFC")
    .trim();
}

/** Cleans a single-line value: as `cleanText`, with runs of whitespace (tabs, newlines) as one space. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, " ");
}

const length = (s: string) => [...s].length;

/** Validates and normalises a note; never throws, whatever the input. */
export function validateNoteInput(input: unknown): NoteValidation {
  const raw = (input ?? {}) as Partial<Record<keyof NoteInput, unknown>>;
  const errors: Partial<Record<keyof NoteInput, NoteFieldError>> = {};

  let text = "";
  if (typeof raw.text !== "string")
    errors.text = { code: raw.text === undefined ? "required" : "invalidType" };
  else {
    text = cleanText(raw.text);
    if (text === "") errors.text = { code: "required" };
    else if (length(text) > MAX_NOTE_TEXT) errors.text = { code: "tooLong", limit: MAX_NOTE_TEXT };
  }

  let insights = "";
  if (raw.insights !== undefined && raw.insights !== null) {
    if (typeof raw.insights !== "string") errors.insights = { code: "invalidType" };
    else {
      insights = cleanText(raw.insights);
      if (length(insights) > MAX_INSIGHTS_TEXT)
        errors.insights = { code: "tooLong", limit: MAX_INSIGHTS_TEXT };
    }
  }

  const themes: string[] = [];
  const rawThemes = raw.themes ?? [];
  if (!Array.isArray(rawThemes) || rawThemes.some((t) => typeof t !== "string")) {
    errors.themes = { code: "invalidType" };
  } else {
    const seen = new Set<string>();
    for (const t of rawThemes as string[]) {
      const theme = cleanLine(t);
      const key = theme.toLocaleLowerCase("fi");
      // Empty and repeated themes are dropped: a chip list sends them easily and they mean nothing.
      if (theme === "" || seen.has(key)) continue;
      seen.add(key);
      if (length(theme) > MAX_THEME_LENGTH && !errors.themes) {
        errors.themes = { code: "tooLong", limit: MAX_THEME_LENGTH, index: themes.length };
      }
      themes.push(theme);
    }
    if (themes.length > MAX_THEMES && !errors.themes) errors.themes = { code: "tooMany", limit: MAX_THEMES };
  }

  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, value: { text, themes, insights } };
}
