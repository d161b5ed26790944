import guideTemplate from "./facilitator-guide.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue } from "../../dialogues";
import { groundRules, roundsT } from "../services/texts";

/** The Erätauko flow in the order a facilitator walks it. */
export const GUIDE_STEPS = ["purpose", "groundRules", "rounds", "notes", "onTheDay", "closing"] as const;

/** Data bound into `cards/facilitator-guide.json`. */
export interface GuideCardData {
  heading: string;
  title: string;
  intro: string;
  steps: { title: string; text: string; rules: { text: string }[] }[];
  dialogueId: string;
  controlsLabel: string;
}

/**
 * The facilitator guide: purpose, ground rules (the dialogue's own version, else the current
 * four rules), rounds, notes and the scribe, absences on the day, closing. With a dialogue it
 * also offers its controls.
 */
export function guideCard(lang: Language, dialogue?: Dialogue): Record<string, unknown> {
  const t = roundsT(lang);
  const rules = groundRules(lang, dialogue?.groundRules ?? "current4").map((text, i) => ({
    text: `${i + 1}. ${text}`,
  }));
  const data: GuideCardData = {
    heading: t("guide.heading"),
    title: dialogue?.title ?? "",
    intro: t("guide.intro"),
    steps: GUIDE_STEPS.map((step) => ({
      title: t(`guide.${step}.title`),
      text: t(`guide.${step}.text`),
      rules: step === "groundRules" ? rules : [],
    })),
    dialogueId: dialogue?.id ?? "",
    controlsLabel: t("guide.controls"),
  };
  return expandCard(guideTemplate, data);
}
