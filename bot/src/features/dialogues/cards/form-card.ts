import formTemplate from "./dialogue-form.json";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { DialogueForm, FieldError } from "../domain/dialogue-form";
import { defaultAgendaText } from "../domain/dialogue-form";
import { formatAgenda } from "../domain/agenda";
import { utcToHelsinki } from "../../../platform/time/helsinki-time";
import {
  AUDIENCES,
  DIALOGUE_LANGUAGES,
  DIALOGUE_MODES,
  GROUND_RULES_VERSIONS,
  type Dialogue,
} from "../domain/types";
import { dialogueT } from "../handlers/texts";

const FIELDS = [
  "title",
  "description",
  "themes",
  "date",
  "startTime",
  "endTime",
  "mode",
  "meetingUrl",
  "address",
  "capacity",
  "deadlineDate",
  "deadlineTime",
  "languages",
  "organisers",
  "groundRules",
  "audience",
  "agenda",
] as const;
type Field = (typeof FIELDS)[number];

/** Form values as strings (capacity as a number, or null when not a number). */
export type FormValues = Record<Exclude<Field, "capacity">, string> & { capacity: number | null };

/** Data bound into `cards/dialogue-form.json`. */
export interface DialogueFormCardData {
  heading: string;
  intro: string;
  errorsHeading: string;
  errors: { text: string }[];
  labels: Record<Field | "required", string>;
  values: FormValues;
  modeChoices: { title: string; value: string }[];
  languageChoices: { title: string; value: string }[];
  groundRulesChoices: { title: string; value: string }[];
  audienceChoices: { title: string; value: string }[];
  submitVerb: string;
  submitLabel: string;
  nonce: string;
  agendaDefault: string;
  dialogueId: string;
  version: number;
  /** Says whether the Teams meeting and invitations are made automatically or the link is pasted. */
  meetingNotice: string;
}

const DEFAULT_START = 9 * 60;
const DEFAULT_END = 11 * 60;

/** Values of a new form: a week from now, 9–11, remote, 20 seats, the standard programme. */
export function newFormValues(lang: Language, now: Date): FormValues {
  const date = utcToHelsinki(new Date(now.getTime() + 7 * 86_400_000)).date;
  return {
    title: "",
    description: "",
    themes: "",
    date,
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "",
    address: "",
    capacity: 20,
    deadlineDate: "",
    deadlineTime: "",
    languages: lang,
    organisers: "",
    groundRules: "current4",
    audience: "tenant",
    agenda: defaultAgendaText(DEFAULT_START, DEFAULT_END, lang),
  };
}

/** The form values of a stored dialogue (for editing). */
export function dialogueFormValues(d: Dialogue): FormValues {
  const start = utcToHelsinki(d.start);
  const deadline = utcToHelsinki(d.deadline);
  const deadlineIsStart = d.deadline.getTime() === d.start.getTime();
  return {
    title: d.title,
    description: d.description,
    themes: d.themes.join("\n"),
    date: start.date,
    startTime: start.time,
    endTime: utcToHelsinki(d.end).time,
    mode: d.mode,
    meetingUrl: d.meetingUrl,
    address: d.address,
    capacity: d.capacity,
    deadlineDate: deadlineIsStart ? "" : deadline.date,
    deadlineTime: deadlineIsStart ? "" : deadline.time,
    languages: d.languages.join(","),
    organisers: d.organisers,
    groundRules: d.groundRules,
    audience: d.audience ?? "tenant",
    agenda: formatAgenda(d.agenda),
  };
}

/** Re-shows what the user submitted (untrusted, so only strings survive). */
export function submittedFormValues(form: DialogueForm): FormValues {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const cap = typeof form.capacity === "number" ? form.capacity : Number(str(form.capacity));
  const values = Object.fromEntries(FIELDS.map((f) => [f, str((form as Record<string, unknown>)[f])]));
  return {
    ...(values as unknown as FormValues),
    capacity: Number.isFinite(cap) && str(form.capacity) !== "" ? cap : null,
  };
}

/** The create/edit form, with any validation errors listed above the inputs. */
export function dialogueFormCard(input: {
  lang: Language;
  mode: "create" | "edit";
  values: FormValues;
  errors?: readonly FieldError[];
  nonce: string;
  agendaDefault: string;
  dialogue?: Dialogue;
  /** Teams meetings are made through Microsoft Graph (else the organiser pastes a link). */
  automaticMeetings: boolean;
  /** Offer "also people outside the organisation" (public registration is configured). */
  publicAllowed?: boolean;
}): Record<string, unknown> {
  const t = dialogueT(input.lang);
  const labels = Object.fromEntries(FIELDS.map((f) => [f, t(`form.${f}`)])) as DialogueFormCardData["labels"];
  labels.required = t("form.requiredHint");
  const data: DialogueFormCardData = {
    heading: input.mode === "create" ? t("form.newHeading") : t("form.editHeading"),
    intro: t("form.intro"),
    errorsHeading: t("form.errorsHeading"),
    errors: (input.errors ?? []).map((e) => ({
      text: `${t(`fields.${e.field}`)}: ${t(`errors.${e.key}`, e.params)}`,
    })),
    labels,
    values: input.values,
    modeChoices: DIALOGUE_MODES.map((m) => ({ title: t(`mode.${m}`), value: m })),
    languageChoices: DIALOGUE_LANGUAGES.map((l) => ({ title: t(`language.${l}`), value: l })),
    groundRulesChoices: GROUND_RULES_VERSIONS.map((g) => ({ title: t(`groundRules.${g}`), value: g })),
    // Without an e-mail sender the public option is not offered (and refused if forged).
    audienceChoices: AUDIENCES.filter((a) => a !== "public" || input.publicAllowed).map((a) => ({
      title: t(`audience.${a}`),
      value: a,
    })),
    submitVerb: input.mode === "create" ? "dialogue.create" : "dialogue.save",
    submitLabel: input.mode === "create" ? t("form.create") : t("form.save"),
    nonce: input.nonce,
    agendaDefault: input.agendaDefault,
    dialogueId: input.dialogue?.id ?? "",
    version: input.dialogue?.version ?? 0,
    meetingNotice: t(input.automaticMeetings ? "form.meetingAutomatic" : "form.meetingManual"),
  };
  // Each message also right under its input: the summary alone is out of sight on a long card.
  const byField: Record<string, string> = {};
  for (const e of input.errors ?? []) byField[e.field] ??= t(`errors.${e.key}`, e.params);
  return placeFieldErrors(expandCard(formTemplate, data), byField);
}
