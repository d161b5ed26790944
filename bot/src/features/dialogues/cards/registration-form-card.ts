import registrationTemplate from "./registration-form.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import { ATTENDANCES, BACKGROUNDS, type Dialogue, type RegistrationAnswers } from "../domain/types";
import { dialogueT, whenText } from "../handlers/texts";
import { groundRulesLines, groundRulesTextVersion } from "../handlers/ground-rules";

export { groundRulesLines };

/** One collator per language (a locale-aware `localeCompare` builds one per comparison). */
const collators = new Map<string, Intl.Collator>();
const collator = (lang: string) => {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(lang)));
  return c;
};

/** Data bound into `cards/registration-form.json`. */
export interface RegistrationFormCardData {
  dialogueId: string;
  version: number;
  refreshUserIds: string[];
  heading: string;
  subheading: string;
  error: string;
  optionalHint: string;
  labels: Record<string, string>;
  values: Omit<RegistrationAnswers, "scribe" | "attendance" | "groundRulesVersion"> & {
    scribe: string;
    attendance: string;
  };
  /** Hybrid dialogues ask on site or remote (required); others do not ask. */
  showAttendance: boolean;
  attendanceChoices: { title: string; value: string }[];
  /** Id of the ground-rules text shown (`groundRulesTextVersion`), stored with the registration. */
  rulesVersion: string;
  languageChoices: { title: string; value: string }[];
  backgroundChoices: { title: string; value: string }[];
  /** A peer dialogue's organisations: the organisation is picked, not typed (exact per-org counts). */
  organisationChoices: { title: string; value: string }[];
  rulesHeading: string;
  rules: { text: string }[];
  confidentiality: string;
  submitLabel: string;
  backLabel: string;
}

/**
 * The registration form: language (required), what grouping may use (optional), and the
 * dialogue's ground rules with confidentiality, to be accepted.
 */
export function registrationFormCard(input: {
  lang: Language;
  dialogue: Dialogue;
  refreshUserIds: string[];
  previous?: RegistrationAnswers;
  /** Pre-filled organisation (the person's Entra profile) when there are no previous answers. */
  organisation?: string;
  error?: string;
}): Record<string, unknown> {
  const { dialogue: d } = input;
  const t = dialogueT(input.lang);
  const prefer = d.languages.includes(input.lang) ? input.lang : d.languages[0]!;
  const data: RegistrationFormCardData = {
    dialogueId: d.id,
    version: d.version,
    refreshUserIds: input.refreshUserIds,
    heading: t("register.heading", { title: d.title }),
    subheading: whenText(t, d),
    error: input.error ?? "",
    optionalHint: t("register.optionalHint"),
    labels: {
      language: t("register.language"),
      required: t("form.requiredHint"),
      organisation: t("register.organisation"),
      background: t("register.background"),
      accessibility: t("register.accessibility"),
      scribe: t("register.scribe"),
      scribeTitle: t("register.scribeTitle"),
      acceptRules: t("register.acceptRules"),
      acceptRulesTitle: t("register.acceptRulesTitle"),
      acceptRulesError: t("register.acceptRulesError"),
      attendance: t("register.attendance"),
      attendanceError: t("register.attendanceError"),
    },
    values: {
      language: input.previous?.language ?? prefer,
      organisation: input.previous?.organisation ?? input.organisation ?? "",
      background: input.previous?.background ?? "",
      accessibility: input.previous?.accessibility ?? "",
      scribe: input.previous?.scribe ? "true" : "false",
      attendance: input.previous?.attendance ?? "",
    },
    showAttendance: d.mode === "hybrid",
    attendanceChoices: ATTENDANCES.map((a) => ({ title: t(`attendance.${a}`), value: a })),
    rulesVersion: groundRulesTextVersion(input.lang, d.groundRules),
    languageChoices: d.languages.map((l) => ({ title: t(`language.${l}`), value: l })),
    backgroundChoices: BACKGROUNDS.map((b) => ({ title: t(`background.${b}`), value: b })),
    // Named in the reader's language and its order; the value is the name registrations match on.
    organisationChoices: (d.organisations ?? [])
      .map((o) => ({ title: o.names?.[input.lang] || o.name, value: o.name }))
      .sort((a, b) => collator(input.lang).compare(a.title, b.title)),
    rulesHeading: t("register.rulesHeading", { version: t(`groundRules.${d.groundRules}`) }),
    rules: groundRulesLines(input.lang, d.groundRules).map((text) => ({ text })),
    confidentiality: t("register.confidentiality"),
    submitLabel: t("register.submit"),
    backLabel: t("register.back"),
  };
  return expandCard(registrationTemplate, data);
}
