import formTemplate from "./dialogue-form.json";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { DialogueForm, FieldError } from "../domain/dialogue-form";
import { defaultAgendaText } from "../domain/dialogue-form";
import { formatAgenda } from "../domain/agenda";
import { formatMinutes, parseTime } from "../../../platform/time/helsinki-time";

import { utcToHelsinki } from "../../../platform/time/helsinki-time";
import {
  AUDIENCES,
  DIALOGUE_LANGUAGES,
  DIALOGUE_MODES,
  GROUND_RULES_VERSIONS,
  type Dialogue,
} from "../domain/types";
import { dialogueT } from "../handlers/texts";
import { METHOD_IDS, METHOD_TEMPLATES, IAP2_TEXTS, methodAgenda } from "../domain/methods";

/** A form's "HH:MM" in minutes; anything else → `fallback` (the form's defaults). */
const minutesOf = (hhmm: unknown, fallback: number) =>
  (typeof hhmm === "string" ? parseTime(hhmm) : undefined) ?? fallback;

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
  "method",
  "minSize",
  "maxSize",
  "targetAudience",
  "materials",
  "coOrganisations",
] as const;
type Field = (typeof FIELDS)[number];
type NumberField = "capacity" | "minSize" | "maxSize";
const NUMBER_FIELDS: readonly NumberField[] = ["capacity", "minSize", "maxSize"];

/** Form values as strings (numbers as numbers, or null when empty or not a number). */
export type FormValues = Record<Exclude<Field, NumberField>, string> & Record<NumberField, number | null>;

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
  methodChoices: { title: string; value: string }[];
  /** Each method's guidance (shown on demand under the method choice). */
  methodGuides: { title: string; value: string }[];
  methodGuideToggle: string;
  /** The directory's organisations for co-organisers; empty hides the choice. */
  organisationChoices: { title: string; value: string }[];
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
    method: "dialogue",
    // Empty: the chosen method's sizes (the hint in the label says so).
    minSize: null,
    maxSize: null,
    targetAudience: "",
    materials: "",
    coOrganisations: "",
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
    // Older rows have no method: they were ordinary dialogues.
    method: d.method ?? "dialogue",
    minSize: d.grouping?.minSize ?? null,
    maxSize: d.grouping?.maxSize ?? null,
    targetAudience: d.targetAudience ?? "",
    materials: (d.materials ?? []).map((m) => `${m.title} ${m.url}`).join("\n"),
    coOrganisations: (d.coOrganisations ?? []).map((o) => o.id).join(","),
  };
}

/** Re-shows what the user submitted (untrusted, so only strings survive). */
export function submittedFormValues(form: DialogueForm): FormValues {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const num = (v: unknown) => {
    const n = typeof v === "number" ? v : Number(str(v));
    return Number.isFinite(n) && (typeof v === "number" || str(v) !== "") ? n : null;
  };
  const raw = form as Record<string, unknown>;
  const values = Object.fromEntries(FIELDS.map((f) => [f, str(raw[f])]));
  for (const f of NUMBER_FIELDS) values[f] = num(raw[f]) as never;
  return values as unknown as FormValues;
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
  /** Directory organisations offered as co-organisers. */
  organisations?: readonly { id: string; name: string }[];
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
    methodChoices: METHOD_IDS.map((m) => ({ title: METHOD_TEMPLATES[m].name[input.lang], value: m })),
    methodGuides: METHOD_IDS.map((m) => {
      const template = METHOD_TEMPLATES[m];
      const level = IAP2_TEXTS[template.level].name[input.lang];
      const { minSize, maxSize } = template.groupSizes;
      // What will be published when the programme field is left as prefilled: the method's own
      // programme for the form's times (a card cannot change the field when the choice changes).
      const programme = methodAgenda(
        m,
        minutesOf(input.values.startTime, 9 * 60),
        minutesOf(input.values.endTime, 11 * 60),
        input.lang,
      )
        .map((i) => `${formatMinutes(i.minutes)} ${i.title}`)
        .join(" · ");
      return {
        title: template.name[input.lang],
        value: `${template.guide[input.lang]} ${t("form.methodFacts", { level, minSize, maxSize })} ${t("form.methodProgramme", { programme })}`,
      };
    }),
    methodGuideToggle: t("form.methodGuideToggle"),
    organisationChoices: (input.organisations ?? []).map((o) => ({ title: o.name, value: o.id })),
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
