import { z } from "zod";
import { formatAgenda, parseAgenda, standardAgenda } from "./agenda";
import { helsinkiToUtc, parseDate, parseTime } from "../../../platform/time/helsinki-time";
import { cleanLine, cleanMultiline } from "../../../platform/text/sanitize";
import {
  AUDIENCES,
  type Audience,
  DIALOGUE_LANGUAGES,
  DIALOGUE_MODES,
  GROUND_RULES_VERSIONS,
  type DialogueDetails,
  type DialogueLanguage,
} from "./types";

/** Text limits (characters, after cleaning). */
export const LIMITS = {
  title: 150,
  description: 4000,
  themes: 10,
  theme: 300,
  url: 1000,
  address: 300,
  organisers: 500,
  capacityMin: 1,
  capacityMax: 1000,
} as const;

const text = z.string().max(20_000).optional();
/** Raw values of the dialogue form as Adaptive Cards submits them (strings; numbers tolerated). */
export const dialogueFormSchema = z.object({
  title: text,
  description: text,
  themes: text,
  date: text,
  startTime: text,
  endTime: text,
  mode: text,
  meetingUrl: text,
  address: text,
  capacity: z.union([z.string().max(20), z.number()]).optional(),
  deadlineDate: text,
  deadlineTime: text,
  languages: text,
  organisers: text,
  groundRules: text,
  agenda: text,
  /** Who may register (organisation / tenant / public). */
  audience: text,
  /** The agenda text the form was prefilled with; unchanged means "use the template for my times". */
  agendaDefault: text,
});
export type DialogueForm = z.infer<typeof dialogueFormSchema>;

/** One validation failure: `key` is under `errors.` in the `dialogue` namespace. */
export interface FieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

/** Options that depend on the situation rather than the input. */
export interface ValidateOptions {
  now: Date;
  /** Language of the standard agenda titles. */
  lang: DialogueLanguage;
  /** On edit: capacity cannot drop below the seats already confirmed. */
  minCapacity?: number;
  /** Teams meetings are made automatically (Graph): a remote or hybrid dialogue needs no pasted link. */
  automaticMeetings?: boolean;
  /** Whether "public" may be chosen (public registration configured with an e-mail sender). */
  publicAllowed?: boolean;
}

const isHttpsUrl = (s: string) => {
  try {
    return new URL(s).protocol === "https:";
  } catch {
    return false;
  }
};

/** Validates and cleans a submitted form. Returns the details or every problem at once. */
export function validateDialogueForm(
  form: DialogueForm,
  options: ValidateOptions,
): { ok: true; details: DialogueDetails } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, key: string, params?: FieldError["params"]) =>
    errors.push({ field, key, params });

  const title = cleanLine(form.title);
  if (!title) err("title", "required");
  else if (title.length > LIMITS.title) err("title", "tooLong", { max: LIMITS.title });
  const description = cleanMultiline(form.description);
  if (description.length > LIMITS.description) err("description", "tooLong", { max: LIMITS.description });

  const themes = cleanMultiline(form.themes)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (themes.length === 0) err("themes", "required");
  if (themes.length > LIMITS.themes) err("themes", "tooManyThemes", { max: LIMITS.themes });
  if (themes.some((t) => t.length > LIMITS.theme)) err("themes", "tooLong", { max: LIMITS.theme });

  const date = cleanLine(form.date);
  const startMin = parseTime(cleanLine(form.startTime));
  const endMin = parseTime(cleanLine(form.endTime));
  if (!parseDate(date)) err("date", "date");
  if (startMin === undefined) err("startTime", "time");
  if (endMin === undefined) err("endTime", "time");
  const start = startMin !== undefined ? helsinkiToUtc(date, startMin) : undefined;
  const end = endMin !== undefined ? helsinkiToUtc(date, endMin) : undefined;
  if (start && end && end <= start) err("endTime", "endBeforeStart");
  if (start && start <= options.now) err("date", "inPast");

  let deadline = start;
  const deadlineDate = cleanLine(form.deadlineDate);
  if (deadlineDate) {
    const dlTime = cleanLine(form.deadlineTime);
    const dlMin = dlTime ? parseTime(dlTime) : 23 * 60 + 59;
    const parsed = dlMin !== undefined ? helsinkiToUtc(deadlineDate, dlMin) : undefined;
    if (!parsed) err("deadlineDate", "date");
    else if (start && parsed > start) err("deadlineDate", "deadlineAfterStart");
    else deadline = parsed;
  }

  const mode = cleanLine(form.mode) as DialogueDetails["mode"];
  if (!DIALOGUE_MODES.includes(mode)) err("mode", "choice");
  const meetingUrl = cleanLine(form.meetingUrl);
  const address = cleanLine(form.address);
  if (meetingUrl && (meetingUrl.length > LIMITS.url || !isHttpsUrl(meetingUrl))) err("meetingUrl", "url");
  else if (!meetingUrl && !options.automaticMeetings && (mode === "remote" || mode === "hybrid"))
    err("meetingUrl", "meetingUrlRequired");
  if (address.length > LIMITS.address) err("address", "tooLong", { max: LIMITS.address });
  else if (!address && (mode === "inPerson" || mode === "hybrid")) err("address", "addressRequired");

  const capText = typeof form.capacity === "number" ? String(form.capacity) : cleanLine(form.capacity);
  const capacity = /^\d{1,5}$/.test(capText) ? Number(capText) : NaN;
  if (!(capacity >= LIMITS.capacityMin && capacity <= LIMITS.capacityMax))
    err("capacity", "capacity", { min: LIMITS.capacityMin, max: LIMITS.capacityMax });
  else if (options.minCapacity !== undefined && capacity < options.minCapacity)
    err("capacity", "capacityBelowConfirmed", { confirmed: options.minCapacity });

  const languages = [
    ...new Set(
      cleanLine(form.languages)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (languages.length === 0 || languages.some((l) => !DIALOGUE_LANGUAGES.includes(l as DialogueLanguage)))
    err("languages", "languages");

  const organisers = cleanLine(form.organisers);
  if (organisers.length > LIMITS.organisers) err("organisers", "tooLong", { max: LIMITS.organisers });

  const groundRules = cleanLine(form.groundRules) as DialogueDetails["groundRules"];
  if (!GROUND_RULES_VERSIONS.includes(groundRules)) err("groundRules", "choice");

  // Absent from forms that do not ask (peer scheduling): then the stored audience is kept.
  const audienceText = cleanLine(form.audience);
  const audience = audienceText ? (audienceText as Audience) : undefined;
  if (audience && !AUDIENCES.includes(audience)) err("audience", "choice");
  else if (audience === "public" && !options.publicAllowed) err("audience", "publicDisabled");

  let agenda: DialogueDetails["agenda"] = [];
  const agendaText = cleanMultiline(form.agenda);
  const untouched = !agendaText || agendaText === cleanMultiline(form.agendaDefault);
  if (startMin !== undefined && endMin !== undefined && endMin > startMin) {
    if (untouched) {
      agenda = standardAgenda(startMin, endMin, options.lang);
    } else {
      const parsed = parseAgenda(agendaText);
      for (const p of parsed.problems) err("agenda", `agenda.${p.code}`, { line: p.line });
      const outside = parsed.items.find((i) => i.minutes < startMin || i.minutes > endMin);
      if (outside) err("agenda", "agenda.outside", { title: outside.title.slice(0, 40) });
      agenda = parsed.items;
    }
  }

  if (errors.length > 0 || !start || !end || !deadline) return { ok: false, errors };
  return {
    ok: true,
    details: {
      title,
      description,
      themes,
      start,
      end,
      deadline,
      mode,
      meetingUrl,
      address,
      capacity,
      languages: languages as DialogueLanguage[],
      organisers,
      groundRules,
      agenda,
      ...(audience ? { audience } : {}),
    },
  };
}

/** The agenda text a new form is prefilled with: the standard programme for the given times. */
export function defaultAgendaText(startMin: number, endMin: number, lang: DialogueLanguage): string {
  return formatAgenda(standardAgenda(startMin, endMin, lang));
}
