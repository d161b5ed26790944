import { randomUUID } from "node:crypto";
import notesTemplate from "./notes-form.json";
import type { Language } from "../../../platform/i18n/i18n";
import { NOTE_LIMITS } from "../services/notes-domain";
import { roundsT, timeText } from "../services/texts";
import type { RoundGroup, StoredNote } from "../services/types";
import { expandWithSlots } from "./slot-card";

/** Data bound into `cards/notes-form.json`. */
export interface NotesCardData {
  dialogueId: string;
  round: number;
  group: number;
  /** Minted when the card is rendered: every save from this card upserts the same note row. */
  noteId: string;
  heading: string;
  hint: string;
  /** Saved at least once: shows the notice and the stored (masked) preview. */
  saved: boolean;
  notice: string;
  noticeColor: "Good" | "Attention" | "Default";
  previewLabel: string;
  preview: string;
  textLabel: string;
  text: string;
  maxText: number;
  themesLabel: string;
  themes: string;
  maxThemes: number;
  insightsLabel: string;
  insights: string;
  maxInsights: number;
  saveLabel: string;
}

const SLOTS = [
  "dialogueId",
  "round",
  "group",
  "noteId",
  "heading",
  "notice",
  "preview",
  "text",
  "themes",
  "insights",
] as const;

type NotesLabels = Pick<
  NotesCardData,
  "hint" | "previewLabel" | "textLabel" | "themesLabel" | "insightsLabel" | "saveLabel"
>;
const labelsByLang = new Map<Language, NotesLabels>();
const headings = new Map<string, string>();
const MAX_HEADINGS = 1024;

/** The card's fixed labels in a language: the same for every note, so translated once. */
function notesLabels(lang: Language): NotesLabels {
  let labels = labelsByLang.get(lang);
  if (!labels) {
    const t = roundsT(lang);
    labels = {
      hint: t("notes.hint"),
      previewLabel: t("notes.preview"),
      textLabel: t("notes.text"),
      themesLabel: t("notes.themes"),
      insightsLabel: t("notes.insights"),
      saveLabel: t("notes.save"),
    };
    labelsByLang.set(lang, labels);
  }
  return labels;
}

/** "Notes — round 1, group 3" per language, round and group (a handful per dialogue). */
function notesHeading(lang: Language, round: number, group: number): string {
  const key = `${lang}:${round}:${group}`;
  let heading = headings.get(key);
  if (heading === undefined) {
    heading = roundsT(lang)("notes.heading", { round, group });
    if (headings.size >= MAX_HEADINGS) headings.delete(headings.keys().next().value!);
    headings.set(key, heading);
  }
  return heading;
}

const savedAtTexts = new Map<string, string>();

/** "Saved at 10.30" per language and minute (at most 1,440 a day per language). */
function savedAtText(lang: Language, time: string): string {
  const key = `${lang}:${time}`;
  let text = savedAtTexts.get(key);
  if (text === undefined) {
    text = roundsT(lang)("notes.savedAt", { time });
    if (savedAtTexts.size >= MAX_HEADINGS) savedAtTexts.clear();
    savedAtTexts.set(key, text);
  }
  return text;
}

/**
 * The notes card of one group and round. A new card gets a fresh note id; after a save the
 * refreshed card keeps the id, shows "saved at" and the stored (masked) text, prefilled for editing.
 */
export function notesCardFor(
  lang: Language,
  dialogueId: string,
  group: Pick<RoundGroup, "round" | "group">,
  saved: StoredNote | undefined,
): Record<string, unknown> {
  const labels = notesLabels(lang);
  const data: NotesCardData = {
    dialogueId,
    round: group.round,
    group: group.group,
    noteId: saved?.noteId ?? randomUUID(),
    heading: notesHeading(lang, group.round, group.group),
    hint: labels.hint,
    saved: !!saved,
    notice: saved ? savedAtText(lang, timeText(saved.savedAt)) : "",
    noticeColor: "Good",
    previewLabel: labels.previewLabel,
    preview: saved?.text ?? "",
    textLabel: labels.textLabel,
    text: saved?.text ?? "",
    maxText: NOTE_LIMITS.text,
    themesLabel: labels.themesLabel,
    themes: saved?.themes.join(", ") ?? "",
    maxThemes: NOTE_LIMITS.themesField,
    insightsLabel: labels.insightsLabel,
    insights: saved?.insights ?? "",
    maxInsights: NOTE_LIMITS.insights,
    saveLabel: labels.saveLabel,
  };
  // Saved on every note submit (the hot path): only the per-note values are slots.
  return expandWithSlots(notesTemplate, data, SLOTS);
}
