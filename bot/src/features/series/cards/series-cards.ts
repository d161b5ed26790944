import { randomUUID } from "node:crypto";
import doneTemplate from "./series-done.json";
import { isCardNonce } from "../domain/card-ids";
import { DIALOGUE_MODES } from "../../dialogues";
import { label } from "../domain/export-text";
import { headline } from "../domain/export-text";
import type { Dashboard } from "../domain/participation-service";
import type { SeriesSummary } from "../domain/summary";
import {
  DIALOGUE_HELD_LANGUAGES,
  REGIONS,
  type Series,
  type SeriesDialogue,
  type SeriesLanguage,
  type SeriesRecord,
} from "../domain/types";
import { translator } from "../../../platform/i18n/i18n";
import dashboardTemplate from "./series-dashboard.json";
import listTemplate from "./series-list.json";
import newFormTemplate from "./series-new-form.json";
import recordTemplate from "./series-record-form.json";
import registerTemplate from "./series-register-form.json";
import reminderTemplate from "./series-reminder.json";
import signupTemplate from "./series-signup.json";
import summaryTemplate from "./series-summary.json";
import { placeFieldErrors } from "../../../platform/teams/field-errors";
import { expandCard } from "../../../platform/teams/render-card";

/** Card builders of the series feature: data in, Adaptive Card JSON (1.5) out. */

const tOf = (lang: SeriesLanguage) => translator(lang, "series");
const fiDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return y && m && d ? `${Number(d)}.${Number(m)}.${y}` : iso;
};
const options = (lang: SeriesLanguage, group: "modes" | "languages" | "regions", codes: readonly string[]) =>
  codes.map((value) => ({ title: label(tOf(lang), group, value), value }));

/** The announcement with sign-up and subscribe buttons. */
export function signupCard(series: Series, lang: SeriesLanguage) {
  const t = tOf(lang);
  const invitation =
    series.materials.invitation[lang] || series.materials.invitation[series.languages[0] ?? "fi"];
  const sections = [
    { heading: t("card.invitation"), text: invitation },
    { heading: t("card.guide"), text: series.materials.discussionGuide },
    { heading: t("card.groundRules"), text: series.materials.groundRules },
  ].filter((s) => s.text);
  return expandCard(signupTemplate, {
    title: t("card.signupTitle", { theme: series.theme }),
    question: series.question,
    period: t("card.period", { start: fiDate(series.periodStart), end: fiDate(series.periodEnd) }),
    deadlines: t("card.deadlines", {
      registration: fiDate(series.registrationDeadline),
      records: fiDate(series.recordsDeadline),
    }),
    sections,
    signupLabel: t("card.signup"),
    subscribeLabel: t("card.subscribe"),
    seriesId: series.id,
  });
}

/** A problem the server found with one field of a series form. */
export type SeriesFormError = { field: string; key: string; params?: Record<string, unknown> };

/** Messages by input id (`themes.2` → `themes`): shown under each input, first message wins. */
function messagesByInput(
  t: (k: string, o?: Record<string, unknown>) => string,
  errors: readonly SeriesFormError[],
) {
  const byField: Record<string, string> = {};
  for (const e of errors) byField[e.field.split(".")[0]!] ??= t(`errors.${e.key}`, e.params ?? {});
  return byField;
}

/** The card's one-time id: kept when a refused form is shown again, so its later submit is the same card. */
const nonceOf = (values: Record<string, unknown>) =>
  isCardNonce(values.nonce) ? values.nonce : randomUUID();

/** What a form card is replaced with once its submit has done its work (a second submit shows it too). */
export function doneCard(
  title: string,
  text: string,
  edit?: { label: string; verb: string; data: Record<string, unknown> },
) {
  return expandCard(doneTemplate, {
    title,
    text,
    editVerb: edit?.verb ?? "",
    editLabel: edit?.label ?? "",
    editData: edit?.data ?? {},
  });
}

/** The form to register a dialogue under a series (values kept after a refusal). */
export function enrolFormCard(
  series: Series,
  lang: SeriesLanguage,
  values: Record<string, unknown> = {},
  problem = "",
  fieldErrors: readonly SeriesFormError[] = [],
) {
  const t = tOf(lang);
  const v = (k: string, d = "") =>
    typeof values[k] === "string" || typeof values[k] === "number" ? String(values[k]) : d;
  const card = expandCard(registerTemplate, {
    title: t("card.registerTitle", { theme: series.theme }),
    nonce: nonceOf(values),
    problem,
    seriesId: series.id,
    min: series.periodStart,
    max: series.periodEnd,
    labels: {
      kind: t("card.kind"),
      kindBot: t("card.kindBot"),
      kindReported: t("card.kindReported"),
      dialogueId: t("card.dialogueId"),
      title: t("card.title"),
      organisation: t("card.organisation"),
      date: t("card.date"),
      mode: t("card.mode"),
      language: t("card.language"),
      targetGroup: t("card.targetGroup"),
      expectedParticipants: t("card.expectedParticipants"),
      region: t("card.region"),
      joinNetwork: t("card.joinNetwork"),
      submit: t("card.register"),
      required: t("errors.required"),
    },
    values: {
      kind: v("kind", "reported"),
      dialogueId: v("dialogueId"),
      title: v("title"),
      organisation: v("organisation"),
      date: v("date", series.periodStart),
      mode: v("mode", "inPerson"),
      language: v("language", lang),
      targetGroup: v("targetGroup"),
      expectedParticipants: v("expectedParticipants"),
      region: v("region", "uusimaa"),
    },
    modes: options(lang, "modes", DIALOGUE_MODES),
    languages: options(lang, "languages", DIALOGUE_HELD_LANGUAGES),
    regions: options(lang, "regions", REGIONS),
  });
  return placeFieldErrors(card, messagesByInput(t, fieldErrors));
}

/** The records form, prefilled from the stored record (or the values of a refused submission). */
export function recordFormCard(
  dialogue: SeriesDialogue,
  record: SeriesRecord | undefined,
  lang: SeriesLanguage,
  values?: Record<string, unknown>,
  problem = "",
  fieldErrors: readonly SeriesFormError[] = [],
) {
  const t = tOf(lang);
  const s = (k: string) => (typeof values?.[k] === "string" ? (values[k] as string) : undefined);
  const card = expandCard(recordTemplate, {
    title: t("card.recordTitle", {
      title: dialogue.title || dialogue.organisation,
      date: fiDate(dialogue.date),
    }),
    intro: t("card.recordIntro"),
    problem,
    seriesId: dialogue.seriesId,
    dialogueId: dialogue.id,
    version: String(record?.version ?? 0),
    labels: {
      participantsOnSite: t("card.participantsOnSite"),
      participantsRemote: t("card.participantsRemote"),
      languages: t("card.languages"),
      themes: t("card.themes"),
      insights: t("card.insights"),
      notes: t("card.notes"),
      reachedSeldomHeard: t("card.reachedSeldomHeard"),
      seldomHeardGroups: t("card.seldomHeardGroups"),
      submit: t("card.saveRecord"),
      required: t("errors.required"),
    },
    values: {
      participantsOnSite: s("participantsOnSite") ?? String(record?.participantsOnSite ?? ""),
      participantsRemote: s("participantsRemote") ?? String(record?.participantsRemote ?? ""),
      languages: s("languages") ?? (record?.languages ?? [dialogue.language]).join(","),
      themes: s("themes") ?? (record?.themes ?? []).join("\n"),
      insights: s("insights") ?? (record?.insights ?? []).join("\n"),
      notes: s("notes") ?? record?.notes ?? "",
      reachedSeldomHeard: s("reachedSeldomHeard") ?? String(record?.reachedSeldomHeard ?? false),
      seldomHeardGroups: s("seldomHeardGroups") ?? record?.seldomHeardGroups ?? "",
    },
    languages: options(lang, "languages", DIALOGUE_HELD_LANGUAGES),
  });
  return placeFieldErrors(card, messagesByInput(t, fieldErrors));
}

/** The coordinators' series form. */
export function newSeriesCard(
  lang: SeriesLanguage,
  values: Record<string, unknown> = {},
  problem = "",
  fieldErrors: readonly { field: string; key: string; params?: Record<string, unknown> }[] = [],
) {
  const t = tOf(lang);
  const keys = [
    "theme",
    "question",
    "periodStart",
    "periodEnd",
    "registrationDeadline",
    "recordsDeadline",
    "invitationFi",
    "invitationSv",
    "invitationEn",
    "discussionGuide",
    "groundRules",
  ];
  const labels: Record<string, string> = Object.fromEntries(
    keys.map((k) => [k, t(`card.${k === "discussionGuide" ? "guide" : k}`)]),
  );
  // An invitation is required for each chosen language: the label says so (a card cannot make
  // `isRequired` depend on another input).
  for (const l of ["fi", "sv", "en"] as const) {
    const k = `invitation${l[0]!.toUpperCase()}${l[1]}`;
    labels[k] = t("card.invitationRequiredFor", { label: labels[k], language: t(`languages.${l}`) });
  }
  const byField: Record<string, string> = {};
  for (const e of fieldErrors) byField[e.field] ??= t(`errors.${e.key}`, e.params ?? {});
  const card = expandCard(newFormTemplate, {
    title: t("card.newTitle"),
    nonce: nonceOf(values),
    problem,
    labels: {
      ...labels,
      languages: t("card.seriesLanguages"),
      submit: t("card.create"),
      required: t("errors.required"),
    },
    values: {
      ...Object.fromEntries(keys.map((k) => [k, typeof values[k] === "string" ? values[k] : ""])),
      languages: typeof values.languages === "string" ? values.languages : "fi,sv",
    },
  });
  return placeFieldErrors(card, byField);
}

/** The coordinators' dashboard card. */
export function dashboardCard(d: Dashboard, lang: SeriesLanguage, notice = "") {
  const t = tOf(lang);
  const st = d.statistics;
  const missing = d.rows.filter((r) => r.records === 0).slice(0, 30);
  return expandCard(dashboardTemplate, {
    title: t("card.dashboardTitle", { theme: d.series.theme }),
    notice,
    seriesId: d.series.id,
    facts: [
      { title: t("card.registeredDialogues"), value: String(st.registeredDialogues) },
      { title: t("card.recordsReceived"), value: String(st.dialogues) },
      { title: t("card.recordsMissing"), value: String(st.recordsMissing) },
      {
        title: t("card.participants"),
        value: `${st.participants} (${st.participantsOnSite} / ${st.participantsRemote})`,
      },
      { title: t("card.organisers"), value: String(st.organisers) },
      {
        title: t("card.languagesFact"),
        value: st.languages.map((c) => `${label(t, "languages", c.key)} ${c.count}`).join(", ") || "–",
      },
      {
        title: t("card.regionsFact"),
        value: st.regions.map((c) => `${label(t, "regions", c.key)} ${c.count}`).join(", ") || "–",
      },
    ],
    missingHeading: t("card.missingHeading"),
    missing: missing.map((r) => ({
      title: fiDate(r.date),
      value: `${r.organisation}${r.title ? ` – ${r.title}` : ""}`,
    })),
    remindLabel: t("card.remindAll"),
    compileLabel: t("card.compile"),
  });
}

/** The summary card: a draft with a publish button for coordinators, or the published version. */
export function summaryCard(
  s: SeriesSummary,
  lang: SeriesLanguage,
  opts: { publishable: boolean; downloadUrl?: string },
) {
  const t = tOf(lang);
  return expandCard(summaryTemplate, {
    title: t("card.summaryTitle", { theme: s.theme }),
    status: s.publishedAt ? "" : t("card.draft"),
    headline: headline(t, s.statistics),
    themesHeading: t("card.topThemes"),
    themes: s.themes.slice(0, 10).map((th) => ({
      title: String(th.count),
      value: th.quotes[0] ? `${th.theme} – “${th.quotes[0]}”` : th.theme,
    })),
    analysisHeading: t("card.analysisLabel"),
    analysis: s.analysis,
    publishLabel: opts.publishable ? t("card.publish") : "",
    downloadUrl: opts.downloadUrl ?? "",
    seriesId: s.seriesId,
  });
}

/** A personal reminder to submit records. */
export function reminderCard(series: Series, d: SeriesDialogue, lang: SeriesLanguage) {
  const t = tOf(lang);
  return expandCard(reminderTemplate, {
    title: t("card.reminderTitle"),
    text: t("card.reminderText", {
      theme: series.theme,
      title: d.title || d.organisation,
      date: fiDate(d.date),
      deadline: fiDate(series.recordsDeadline),
    }),
    openLabel: t("card.openRecord"),
    seriesId: series.id,
    dialogueId: d.id,
  });
}

/** Open series with sign-up buttons, and the user's own registered dialogues with their record status. */
export function listCard(
  open: readonly Series[],
  mine: readonly { series: Series; dialogue: SeriesDialogue; hasRecords: boolean }[],
  lang: SeriesLanguage,
) {
  const t = tOf(lang);
  return expandCard(listTemplate, {
    title: t("card.listTitle"),
    empty: t("card.noSeries"),
    series: open.map((s) => ({
      id: s.id,
      theme: s.theme,
      period: t("card.period", { start: fiDate(s.periodStart), end: fiDate(s.periodEnd) }),
      signupLabel: t("card.signup"),
    })),
    mineHeading: t("card.myDialogues"),
    mine: mine.map((m) => ({
      seriesId: m.series.id,
      dialogueId: m.dialogue.id,
      label: `${m.series.theme}: ${m.dialogue.title || m.dialogue.organisation} (${fiDate(m.dialogue.date)}) – ${t(m.hasRecords ? "card.recordStatusDone" : "card.recordStatusMissing")}`,
      openLabel: t("card.openRecord"),
    })),
  });
}

/** Helsinki-style date for messages. */
export const displaySeriesDate = fiDate;
