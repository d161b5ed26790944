import draftTemplate from "./peer-draft.json";
import registrationsTemplate from "./peer-registrations.json";
import scheduleTemplate from "./peer-schedule-form.json";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";
import { DIALOGUE_LANGUAGES, DIALOGUE_MODES } from "../../dialogues";
import { displayDate } from "../../../platform/time/helsinki-time";
import type { Organisation } from "../../directory";
import type { PeerFieldError } from "../domain/errors";
import type { DraftTexts } from "../domain/drafts";
import type { DraftEntry, OrganisationRegistrations, PeerDialogue } from "../domain/types";
import { orgDisplayName } from "../domain/types";
import { IAP2_LEVELS, IAP2_TEXTS, METHOD_IDS, METHOD_TEMPLATES, isMethodId } from "../../dialogues";
import { toLanguage, translator, type Language } from "../../../platform/i18n/i18n";
import { dialogueT, whenText } from "../../dialogues";
import { peerT } from "../handlers/context";

/** Organisation rows on the scheduling form. */
export const FORM_ROWS = 5;

/** The scheduling form's single-value inputs (labels are `form.<field>`; submits read these). */
export const SCHEDULE_FIELDS = [
  "theme",
  "description",
  "questions",
  "date",
  "startTime",
  "endTime",
  "mode",
  "meetingUrl",
  "address",
  "capacity",
  "languages",
  "method",
  "level",
] as const;

/** Raw values of the scheduling form (what Teams merges into the Action.Execute data). */
export type ScheduleFormValues = Record<string, string>;

/** The coordinator's scheduling form (re-shown with the input kept and the problems listed). */
export function scheduleFormCard(input: {
  lang: Language;
  orgs: readonly Organisation[];
  nonce: string;
  values?: ScheduleFormValues;
  errors?: PeerFieldError[];
}): Record<string, unknown> {
  const { lang } = input;
  const t = peerT(lang);
  const dt = dialogueT(lang);
  const v = input.values ?? {};
  const label = (key: string) => t(`form.${key}`);
  const rows = orgRows(v);
  const byInput: Record<string, string> = {};
  for (const e of input.errors ?? []) byInput[inputOf(e, rows)] ??= fieldErrorMessage(lang, e);
  const card = expandCard(scheduleTemplate, {
    heading: t("form.heading"),
    intro: t("form.intro"),
    errorsHeading: t("form.errorsHeading"),
    errors: (input.errors ?? []).map((e) => ({ text: fieldErrorText(lang, e, rows) })),
    labels: Object.fromEntries(
      [...SCHEDULE_FIELDS, "organisationsHeading", "required", "capacityRange"].map((k) => [k, label(k)]),
    ),
    values: {
      theme: v.theme ?? "",
      description: v.description ?? "",
      questions: v.questions ?? "",
      date: v.date ?? "",
      startTime: v.startTime ?? "09:00",
      endTime: v.endTime ?? "11:00",
      mode: v.mode ?? "remote",
      meetingUrl: v.meetingUrl ?? "",
      address: v.address ?? "",
      // The default method's seats: an empty number input reads as 0 in Teams, which is refused.
      capacity: v.capacity ?? String(METHOD_TEMPLATES[isMethodId(v.method) ? v.method : "dialogue"].capacity),
      languages: v.languages ?? lang,
      method: v.method ?? "dialogue",
      level: v.level ?? "",
    },
    methodChoices: METHOD_IDS.map((id) => ({ title: METHOD_TEMPLATES[id].name[lang], value: id })),
    guides: METHOD_IDS.map((id) => ({
      text: `${METHOD_TEMPLATES[id].name[lang]}: ${METHOD_TEMPLATES[id].guide[lang]}`,
    })),
    // Empty choices are invalid Adaptive Cards: "none" is the placeholder of an unselected set.
    levelPlaceholder: t("form.levelDefault"),
    levelChoices: IAP2_LEVELS.map((l) => ({
      title: `${IAP2_TEXTS[l].name[lang]} – ${IAP2_TEXTS[l].promise[lang]}`,
      value: l,
    })),
    modeChoices: DIALOGUE_MODES.map((m) => ({ title: dt(`mode.${m}`), value: m })),
    languageChoices: DIALOGUE_LANGUAGES.map((l) => ({ title: dt(`language.${l}`), value: l })),
    orgPlaceholder: t("form.noOrganisation"),
    // An empty directory (a new tenant, the Playground's) would leave the lists empty unexplained.
    noOrgsText: input.orgs.length === 0 ? t("form.noOrganisations") : "",
    // In the reader's language and its alphabetical order (not the Finnish names' order).
    orgChoices: input.orgs
      .map((o) => ({ title: o.names[lang] || o.names.fi, value: o.id }))
      .sort((a, b) => a.title.localeCompare(b.title, lang)),
    // No organisation to choose: no rows (an empty choice set is not a valid card); the text says why.
    rows: Array.from({ length: input.orgs.length ? FORM_ROWS : 0 }, (_, i) => ({
      n: i + 1,
      orgLabel: t("form.organisation", { n: i + 1 }),
      nameLabel: t("form.contactName", { n: i + 1 }),
      idLabel: t("form.contactId", { n: i + 1 }),
      org: v[`org${i + 1}`] ?? "",
      contactName: v[`contactName${i + 1}`] ?? "",
      contactId: v[`contactId${i + 1}`] ?? "",
    })),
    nonce: input.nonce,
    submitLabel: t("form.submit"),
  });
  return placeFieldErrors(card, byInput);
}

/** A problem's message alone (shown under its input). */
function fieldErrorMessage(lang: Language, e: PeerFieldError): string {
  const key = e.key.includes(":") ? e.key : `peer:errors.${e.key}`;
  const [ns, k] = key.split(":", 2) as [string, string];
  return translator(lang, ns)(k, e.params ?? {});
}

/**
 * The form rows (1-based) that hold an organisation, in order: the API's `organisations.<i>` is
 * the i-th of these, since empty rows are skipped when the form is read.
 */
function orgRows(v: ScheduleFormValues): number[] {
  const rows: number[] = [];
  for (let n = 1; n <= FORM_ROWS; n++) if (v[`org${n}`]?.trim()) rows.push(n);
  return rows;
}

/** The input a problem belongs to (`organisations.1.contacts.0` → `contactName2`, say). */
function inputOf(e: PeerFieldError, rows: readonly number[]): string {
  if (!/^organisations/.test(e.field)) return e.field.split(".")[0]!;
  const [, i, part] = e.field.split(".");
  if (i === undefined) return "org1";
  const n = rows[Number(i)] ?? 1;
  if (part === "contacts") return e.key === "contactId" ? `contactId${n}` : `contactName${n}`;
  return `org${n}`;
}

/** One problem as "Field: message" (organisation rows named by their number on the form). */
export function fieldErrorText(lang: Language, e: PeerFieldError, rows: readonly number[] = []): string {
  const t = peerT(lang);
  const root = e.field.split(".")[0]!;
  const field = /^organisations/.test(e.field)
    ? t("form.organisation", {
        n: rows[Number(e.field.split(".")[1] ?? 0)] ?? Number(e.field.split(".")[1] ?? 0) + 1,
      })
    : t(`form.${root}`, { defaultValue: root });
  return `${field}: ${fieldErrorMessage(lang, e)}`;
}

/** Coordinators' card: who registered per organisation. */
export function registrationsCard(input: {
  lang: Language;
  peer: PeerDialogue;
  organisations: OrganisationRegistrations[];
  other: { name: string; organisation: string }[];
  notice?: string;
}): Record<string, unknown> {
  const { lang, peer } = input;
  const t = peerT(lang);
  const dt = dialogueT(lang);
  return expandCard(registrationsTemplate, {
    dialogueId: peer.dialogueId,
    kicker: t("registrations.kicker", { id: peer.dialogueId }),
    title: peer.theme,
    when: whenText(dt, { start: new Date(peer.start), end: new Date(peer.end) }),
    notice: input.notice ?? "",
    facts: [
      { title: t("registrations.method"), value: METHOD_TEMPLATES[peer.method].name[lang] },
      { title: t("registrations.level"), value: IAP2_TEXTS[peer.level].name[lang] },
    ],
    heading: t("registrations.heading"),
    organisations: input.organisations.map((o) => ({
      name: orgDisplayName(o, lang),
      count: t("registrations.count", { count: o.confirmed.length, contacts: o.contactsRegistered }),
      people: o.confirmed.length
        ? o.confirmed
            .map((c) => (c.status === "waitlisted" ? `${c.name} (${dt("organiser.waitlisted")})` : c.name))
            .join(", ")
        : t("registrations.none"),
    })),
    otherHeading: t("registrations.other"),
    other: input.other.map((o) => (o.organisation ? `${o.name} (${o.organisation})` : o.name)).join(", "),
    refreshLabel: t("registrations.refresh"),
    manageLabel: dt("card.manage"),
  });
}

/** The draft entry card for an organisation's staff (with the outcome once decided). */
export function draftCard(input: {
  lang: Language;
  peer: PeerDialogue;
  draft: DraftEntry;
  orgName: string;
  entryUrl?: string;
  pending?: boolean;
}): Record<string, unknown> {
  const { lang, peer, draft } = input;
  const t = peerT(lang);
  const open = draft.status === "open";
  const by = draft.decidedBy?.name ?? "";
  const outcome = open
    ? ""
    : [
        t(`draft.${draft.status}`, { name: by }),
        input.pending && draft.status !== "discarded" ? t("draft.pending") : "",
      ]
        .filter(Boolean)
        .join(" ");
  return expandCard(draftTemplate, {
    dialogueId: draft.dialogueId,
    orgId: draft.orgId,
    kicker: t("draft.kicker"),
    heading: t("draft.heading"),
    intro: t("draft.intro", { theme: peer.theme, org: input.orgName }),
    outcome,
    outcomeColor: draft.status === "discarded" ? "Warning" : "Good",
    open,
    facts: [
      { title: t("draft.date"), value: displayDate(new Date(peer.start)) },
      { title: t("draft.partners"), value: draft.partners.join(", ") },
      { title: t("draft.method"), value: METHOD_TEMPLATES[draft.method].name[lang] },
      { title: t("draft.level"), value: IAP2_TEXTS[draft.level].name[lang] },
      { title: t("draft.themes"), value: draft.themes.join(", ") || "–" },
    ],
    insightsHeading: t("draft.insights"),
    insights: draft.insights.map((text) => ({ text })),
    labels: {
      title: t("draft.titleLabel"),
      description: t("draft.descriptionLabel"),
      themes: t("draft.themesLabel"),
      required: t("form.required"),
    },
    values: { title: draft.title, description: draft.description, themes: draft.themes.join("\n") },
    acceptLabel: t("draft.accept"),
    editLabel: t("draft.edit"),
    discardLabel: t("draft.discard"),
    entryUrl: input.entryUrl ?? "",
    openLabel: t("draft.open"),
  });
}

/** The translated texts of drafts, in the dialogue's language. */
export function peerDraftTexts(lang: string): DraftTexts {
  const t = peerT(toLanguage(lang));
  return {
    title: (theme) => t("draft.title", { theme }),
    description: ({ theme, partners, participants, insights }) =>
      [
        t("draft.description", { theme, partners: partners.join(", "), participants }),
        ...(insights.length ? ["", t("draft.descriptionInsights"), ...insights.map((i) => `• ${i}`)] : []),
      ].join("\n"),
  };
}
