import {
  hasIllegalLineChars,
  hasIllegalTextChars,
  tidyLine,
  tidyText,
} from "../../../platform/text/text-rules";
import {
  ATTENDANCES,
  BACKGROUNDS,
  type Attendance,
  type Background,
  type Dialogue,
  type DialogueLanguage,
} from "../../dialogues";
import { isEmail, MAX_EMAIL_LENGTH, normaliseEmail } from "./email";

/** Text limits of the public form (characters, after tidying). */
export const FORM_LIMITS = {
  name: 100,
  email: MAX_EMAIL_LENGTH,
  organisation: 200,
  accessibility: 500,
} as const;

/** Fields in the order they appear on the page (the error summary follows it). */
export const FORM_FIELDS = [
  "name",
  "email",
  "organisation",
  "background",
  "language",
  "attendance",
  "accessibility",
  "acceptRules",
  "consent",
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** What the person typed, as strings (kept to re-show the form). */
export type RawForm = Partial<Record<FormField, string>>;

/** One problem; `key` is under `errors.` in the `public` namespace. */
export interface FormError {
  field: FormField;
  key: string;
  params?: Record<string, number>;
}

/** A valid submission. */
export interface PublicRegistrationInput {
  name: string;
  /** Normalised. */
  email: string;
  organisation: string;
  background: Background | "";
  language: DialogueLanguage;
  attendance?: Attendance;
  accessibility: string;
  /** The person lets the organisers see their name and e-mail address (list and CSV). */
  consent: boolean;
}

const checked = (v: string | undefined) => v === "on" || v === "true" || v === "yes";

/**
 * Validates the public form against the dialogue (its languages; attendance only for hybrid).
 * Control and invisible characters are refused with a field message, as elsewhere in the app.
 */
export function validatePublicForm(
  raw: RawForm,
  dialogue: Pick<Dialogue, "languages" | "mode">,
): { ok: true; value: PublicRegistrationInput } | { ok: false; errors: FormError[] } {
  const errors: FormError[] = [];
  const err = (field: FormField, key: string, params?: FormError["params"]) =>
    errors.push({ field, key, params });
  const line = (field: "name" | "organisation" | "email", required: boolean) => {
    const v = raw[field] ?? "";
    if (hasIllegalLineChars(v)) return (err(field, "characters"), "");
    const t = tidyLine(v);
    if (required && !t) return (err(field, "required"), "");
    if (t.length > FORM_LIMITS[field]) return (err(field, "tooLong", { max: FORM_LIMITS[field] }), "");
    return t;
  };
  const name = line("name", true);
  const email = normaliseEmail(line("email", true));
  if (email && !isEmail(email)) err("email", "email");
  const organisation = line("organisation", false);
  const background = (raw.background ?? "") as Background | "";
  if (background && !BACKGROUNDS.includes(background as Background)) err("background", "choice");
  const language = (raw.language ?? "") as DialogueLanguage;
  if (!dialogue.languages.includes(language)) err("language", "language");
  let attendance: Attendance | undefined;
  if (dialogue.mode === "hybrid") {
    attendance = raw.attendance as Attendance;
    if (!ATTENDANCES.includes(attendance)) err("attendance", "attendance");
  }
  const accessibilityRaw = raw.accessibility ?? "";
  let accessibility = "";
  if (hasIllegalTextChars(accessibilityRaw)) err("accessibility", "characters");
  else {
    accessibility = tidyText(accessibilityRaw);
    if (accessibility.length > FORM_LIMITS.accessibility)
      err("accessibility", "tooLong", { max: FORM_LIMITS.accessibility });
  }
  if (!checked(raw.acceptRules)) err("acceptRules", "acceptRules");
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      email,
      organisation,
      background,
      language,
      ...(attendance ? { attendance } : {}),
      accessibility,
      consent: checked(raw.consent),
    },
  };
}
