import { z } from "zod";
import { GROUP_SIZE_LIMITS } from "@dialogi/contracts";
import { formatAgenda, parseAgenda, standardAgenda } from "./agenda";
import { isMethodId, methodAgenda, methodTemplate, type MethodId } from "./methods";
import { helsinkiToUtc, parseDate, parseTime } from "../../../platform/time/helsinki-time";
import { cleanLine, cleanMultiline } from "../../../platform/text/sanitize";
import {
  AUDIENCES,
  type Audience,
  DIALOGUE_LANGUAGES,
  DIALOGUE_MODES,
  GROUND_RULES_VERSIONS,
  type DialogueDetails,
  type DialogueExtras,
  type DialogueLanguage,
  type DialogueOrganisation,
  type MaterialLink,
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
  targetAudience: 300,
  materials: 5,
  materialTitle: 100,
  coOrganisations: 10,
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
  /** Participation method (domain/methods); absent from forms that do not ask (peer scheduling). */
  method: text,
  /** Breakout group sizes; empty = the method's. */
  minSize: z.union([z.string().max(20), z.number()]).optional(),
  maxSize: z.union([z.string().max(20), z.number()]).optional(),
  targetAudience: text,
  /** One link per line: "Title https://…" or a bare https URL. */
  materials: text,
  /** Directory organisation ids, comma-separated (Input.ChoiceSet, multi-select). */
  coOrganisations: text,
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
  /** "public" is refused because the user may not open dialogues to the public (not for lack of a sender). */
  publicNotEntitled?: boolean;
  /** The directory's organisations co-organisers may be chosen from (none: nothing may be chosen). */
  organisations?: readonly DialogueOrganisation[];
}

/** What choosing a method sets besides the details (stored as dialogue extras). */
export type MethodChoice = Required<Pick<DialogueExtras, "method" | "participationLevel" | "grouping">>;

/**
 * An https link without user info: `https://trusted.fi@evil.example` shows a trusted name but
 * opens another host, so links with a user name or password are refused.
 */
const isHttpsUrl = (s: string) => {
  try {
    const url = new URL(s);
    return url.protocol === "https:" && !url.username && !url.password;
  } catch {
    return false;
  }
};

/** Hangul fillers: letters by category, blank on screen. */
const FILLERS = /[\u115f\u1160\u3164\uffa0]/g;

/**
 * Whether a typed organiser names anyone: a letter or digit of any script, so that invisible
 * joiners, soft hyphens, blank letters or punctuation alone never stand in for the controller.
 */
const namesSomeone = (text: string) => /[\p{L}\p{N}]/u.test(text.replace(FILLERS, ""));

/** Validates and cleans a submitted form. Returns the details or every problem at once. */
export function validateDialogueForm(
  form: DialogueForm,
  options: ValidateOptions,
): { ok: true; details: DialogueDetails; method?: MethodChoice } | { ok: false; errors: FieldError[] } {
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
  else if (audience === "public" && !options.publicAllowed)
    err("audience", options.publicNotEntitled ? "publicNotEntitled" : "publicDisabled");

  // Forms that ask for a method (the dialogue form) default to "dialogue"; others have none.
  const methodText = cleanLine(form.method);
  const asksMethod = form.method !== undefined;
  const method: MethodId | undefined = !asksMethod
    ? undefined
    : isMethodId(methodText)
      ? methodText
      : methodText
        ? undefined
        : "dialogue";
  if (asksMethod && !method) err("method", "choice");
  const grouping = asksMethod ? groupSizes(form, method ?? "dialogue", err) : undefined;

  const targetAudience = cleanLine(form.targetAudience);
  if (targetAudience.length > LIMITS.targetAudience)
    err("targetAudience", "tooLong", { max: LIMITS.targetAudience });
  const materials = materialLinks(form.materials, err);
  const coOrganisations = chosenOrganisations(form.coOrganisations, options.organisations ?? [], err);
  // The public page names the organising organisation as the controller of registrants' data
  // (GDPR art. 13): a dialogue open to everyone must name one.
  if (
    audience === "public" &&
    options.publicAllowed &&
    !namesSomeone(organisers) &&
    coOrganisations.length === 0
  )
    err("organisers", "publicNeedsOrganiser");

  let agenda: DialogueDetails["agenda"] = [];
  const agendaText = cleanMultiline(form.agenda);
  // The rule: the method's programme applies while the organiser has not written their own —
  // the field is empty or still what the form was prefilled with (`agendaDefault`).
  const untouched = !agendaText || agendaText === cleanMultiline(form.agendaDefault);
  if (startMin !== undefined && endMin !== undefined && endMin > startMin) {
    if (untouched) {
      agenda = method
        ? methodAgenda(method, startMin, endMin, options.lang)
        : standardAgenda(startMin, endMin, options.lang);
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
      targetAudience,
      materials,
      coOrganisations,
    },
    ...(method && grouping
      ? { method: { method, participationLevel: methodTemplate(method).level, grouping } }
      : {}),
  };
}

type Err = (field: string, key: string, params?: FieldError["params"]) => void;

const sizeText = (v: string | number | undefined) => (typeof v === "number" ? String(v) : cleanLine(v));

/**
 * Breakout group sizes: each empty field takes the method's size; typed ones are whole numbers
 * within GROUP_SIZE_LIMITS with min ≤ max. The target is the method's, kept between them.
 */
function groupSizes(form: DialogueForm, method: MethodId, err: Err): MethodChoice["grouping"] | undefined {
  const sizes = methodTemplate(method).groupSizes;
  const { min, max } = GROUP_SIZE_LIMITS;
  const read = (field: "minSize" | "maxSize"): number | undefined => {
    const raw = sizeText(form[field]);
    if (!raw) return sizes[field];
    const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (n >= min && n <= max) return n;
    err(field, "groupSize", { min, max });
    return undefined;
  };
  const minSize = read("minSize");
  const maxSize = read("maxSize");
  if (minSize === undefined || maxSize === undefined) return undefined;
  if (minSize > maxSize) {
    err("maxSize", "groupSizeOrder", { min: minSize });
    return undefined;
  }
  return { minSize, maxSize, targetSize: Math.min(maxSize, Math.max(minSize, sizes.targetSize)) };
}

/** "Title https://…" → [title, url]: the URL is the last word (lines are already trimmed). */
function splitLink(line: string): [string, string] {
  const at = Math.max(line.lastIndexOf(" "), line.lastIndexOf("\t"));
  return at < 0 ? ["", line] : [line.slice(0, at).trim(), line.slice(at + 1)];
}

/** Material links, one per line: "Title https://…" or a bare https URL (its host is the title). */
function materialLinks(raw: string | undefined, err: Err): MaterialLink[] {
  const lines = cleanMultiline(raw)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > LIMITS.materials) err("materials", "tooManyLinks", { max: LIMITS.materials });
  const links: MaterialLink[] = [];
  lines.slice(0, LIMITS.materials).forEach((line, i) => {
    const [titlePart, url] = splitLink(line);
    const title = titlePart.replace(/[\s:–—-]+$/, "").trim();
    if (url.length > LIMITS.url || !isHttpsUrl(url)) return err("materials", "materialUrl", { line: i + 1 });
    if (title.length > LIMITS.materialTitle)
      return err("materials", "materialTitle", { line: i + 1, max: LIMITS.materialTitle });
    links.push({ title: title || new URL(url).host, url });
  });
  return links;
}

/** Co-organisers picked from the directory: every id must be one of the offered organisations. */
function chosenOrganisations(
  raw: string | undefined,
  offered: readonly DialogueOrganisation[],
  err: Err,
): DialogueOrganisation[] {
  const ids = [
    ...new Set(
      cleanLine(raw)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length > LIMITS.coOrganisations)
    err("coOrganisations", "tooManyOrganisations", { max: LIMITS.coOrganisations });
  const chosen = ids.map((id) => offered.find((o) => o.id === id));
  if (chosen.some((o) => !o)) err("coOrganisations", "choice");
  return chosen.filter((o): o is DialogueOrganisation => !!o).slice(0, LIMITS.coOrganisations);
}

/** The agenda text a new form is prefilled with: the standard programme for the given times. */
export function defaultAgendaText(startMin: number, endMin: number, lang: DialogueLanguage): string {
  return formatAgenda(standardAgenda(startMin, endMin, lang));
}
