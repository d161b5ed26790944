import {
  compileNames,
  maskNames,
  MAX_INSIGHTS_TEXT,
  MAX_NOTE_TEXT,
  MAX_THEME_LENGTH,
  MAX_THEMES,
  validateNoteInput,
  type MaskLanguage,
  type NameIndex,
  type NoteFieldError,
} from "../domain/notes";

/**
 * The notes card's fields mapped onto the pure notes domain (`domain/notes`): the card sends
 * themes as one comma-separated line, the domain wants a list; its field errors become one
 * translated message key (`rounds:notes.invalid.<code>`).
 */

/** Input limits, also set as `maxLength` on the card's inputs. */
export const NOTE_LIMITS = {
  text: MAX_NOTE_TEXT,
  insights: MAX_INSIGHTS_TEXT,
  /** The comma-separated line of themes. */
  themesField: MAX_THEMES * (MAX_THEME_LENGTH + 2),
};

/** A validated note, or the message key and values of the first problem. */
export type NoteCheck =
  | { ok: true; value: { text: string; themes: string[]; insights: string } }
  | {
      ok: false;
      code: "empty" | "tooLong" | "tooManyThemes" | "themeTooLong" | "other";
      params: { max?: number };
    };

function problem(field: "text" | "themes" | "insights", e: NoteFieldError): NoteCheck {
  const params = { max: e.limit };
  if (e.code === "required") return { ok: false, code: "empty", params };
  if (e.code === "tooMany") return { ok: false, code: "tooManyThemes", params };
  if (e.code === "tooLong")
    return { ok: false, code: field === "themes" ? "themeTooLong" : "tooLong", params };
  return { ok: false, code: "other", params };
}

/** Validates and normalises the card's fields (control and invisible characters are cleaned away). */
export function validateNote(input: { text: string; themes: string; insights: string }): NoteCheck {
  const result = validateNoteInput({
    text: input.text,
    themes: input.themes.split(","),
    insights: input.insights,
  });
  if (result.ok) return result;
  for (const field of ["text", "themes", "insights"] as const) {
    const e = result.errors[field];
    if (e) return problem(field, e);
  }
  return { ok: false, code: "other", params: {} };
}

/** Compiles the names to mask once per roster (masking then costs one pass per text). */
export const compileRoster = (names: readonly string[]): NameIndex => compileNames(names);

/** Masks registrants' names, e-mail addresses and phone numbers; placeholders in `lang`. */
export function maskNoteText(text: string, names: NameIndex, lang: MaskLanguage): string {
  return text ? maskNames(text, names, lang) : "";
}

export { chunkText, joinChunks } from "../domain/notes";
