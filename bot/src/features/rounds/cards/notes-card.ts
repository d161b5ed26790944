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
  const t = roundsT(lang);
  const data: NotesCardData = {
    dialogueId,
    round: group.round,
    group: group.group,
    noteId: saved?.noteId ?? randomUUID(),
    heading: t("notes.heading", { round: group.round, group: group.group }),
    hint: t("notes.hint"),
    saved: !!saved,
    notice: saved ? t("notes.savedAt", { time: timeText(saved.savedAt) }) : "",
    noticeColor: "Good",
    previewLabel: t("notes.preview"),
    preview: saved?.text ?? "",
    textLabel: t("notes.text"),
    text: saved?.text ?? "",
    maxText: NOTE_LIMITS.text,
    themesLabel: t("notes.themes"),
    themes: saved?.themes.join(", ") ?? "",
    maxThemes: NOTE_LIMITS.themesField,
    insightsLabel: t("notes.insights"),
    insights: saved?.insights ?? "",
    maxInsights: NOTE_LIMITS.insights,
    saveLabel: t("notes.save"),
  };
  // Saved on every note submit (the hot path): only the per-note values are slots.
  return expandWithSlots(notesTemplate, data, SLOTS);
}
