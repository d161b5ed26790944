import type { Language } from "../../../platform/i18n/i18n";
import { isDialogueId, isNonce } from "../../dialogues";
import type { CardActionResult } from "../../../platform/teams/card-action";
import { loadDialogue } from "./access";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";
import { maskNoteText, validateNote } from "./notes-domain";
import { createRosterCache } from "./roster-cache";
import { roundsT } from "./texts";
import type { NoteWriters } from "../store/note-repository";
import type { StoredNote } from "./types";
import { notesCardFor } from "../cards/notes-card";

/** Where a note goes (from card data; checked against the stored groups). */
export interface NoteTarget {
  dialogueId: unknown;
  round: number;
  group: number;
}

/** A submitted notes card. */
export interface NoteInput extends NoteTarget {
  noteId: string;
  text: string;
  themes: string;
  insights: string;
}

/**
 * Notes of the groups: who may write is decided at write time from the authenticated user and the
 * stored groups (the scribe, or any member while the facilitator allows); the row stores nothing
 * about the writer. Hot path per save: the round's groups from the per-instance cache (immutable
 * once started) and one transaction that checks the round's notes gate and upserts the note.
 */
export function createNotesService(rc: RoundsContext) {
  const roster = createRosterCache(rc);

  /** The group when the user is one of its members (the round must have started). */
  async function membership(target: NoteTarget, userId: string) {
    if (!isDialogueId(target.dialogueId)) throw new RoundError("notFound");
    const dialogueId = target.dialogueId;
    const group = await rc.cache.group(dialogueId, target.round, target.group);
    if (!group || !group.members.some((m) => m.userId === userId)) throw new RoundError("notMember");
    return { dialogueId, group, writers: (group.scribeId === userId ? "scribes" : "members") as NoteWriters };
  }

  /** Why a member's gate was closed: the round, or only the facilitator's setting (rare path, one read). */
  async function closedBecause(dialogueId: string, round: number): Promise<RoundError> {
    const state = await rc.groups.getState(dialogueId);
    const open = state?.phase === "started" && state.round === round;
    return new RoundError(open ? "membersMayNotWrite" : "roundClosed");
  }

  return {
    /** A fresh notes card for a member who asks for one (while they may write). */
    async openCard(
      target: NoteTarget,
      caller: { userId: string; tenantId: string | undefined },
      lang: Language,
    ): Promise<Record<string, unknown>> {
      // The tenant check: the dialogue must be in the caller's tenant.
      await loadDialogue(rc, target.dialogueId, caller.tenantId);
      const { dialogueId, group, writers } = await membership(target, caller.userId);
      const state = await rc.groups.getState(dialogueId);
      if (!state || state.phase !== "started" || state.round !== group.round)
        throw new RoundError("roundClosed");
      if (writers === "members" && !state.membersMayWrite) throw new RoundError("membersMayNotWrite");
      return notesCardFor(lang, dialogueId, group, undefined);
    },

    /** A fresh notes card for the caller's own group in the dialogue's current round. */
    async openMine(
      dialogueId: unknown,
      caller: { userId: string; tenantId: string | undefined },
      lang: Language,
    ): Promise<Record<string, unknown>> {
      const dialogue = await loadDialogue(rc, dialogueId, caller.tenantId);
      const state = await rc.groups.getState(dialogue.id);
      if (!state || state.phase !== "started" || state.round < 1) throw new RoundError("roundClosed");
      const groups = await rc.cache.round(dialogue.id, state.round);
      const mine = [...groups.values()].find((g) => g.members.some((m) => m.userId === caller.userId));
      if (!mine) throw new RoundError("notMember");
      return this.openCard({ dialogueId: dialogue.id, round: mine.round, group: mine.group }, caller, lang);
    },

    /**
     * Validates, masks registrants' names and saves the note; answers with the refreshed card.
     * Invalid input stores nothing and says why; a store failure propagates (never a false "saved").
     */
    async save(
      input: NoteInput,
      caller: { userId: string; tenantId: string | undefined },
      lang: Language,
    ): Promise<CardActionResult> {
      if (!isNonce(input.noteId)) throw new RoundError("notFound");
      const { dialogueId, group, writers } = await membership(input, caller.userId);
      const checked = validateNote({ text: input.text, themes: input.themes, insights: input.insights });
      if (!checked.ok) return { message: roundsT(lang)(`notes.invalid.${checked.code}`, checked.params) };
      const names = await roster.names(dialogueId, caller.tenantId);
      // Placeholders in the group's language (groups are clustered by language).
      const maskLang =
        group.members.find((m) => m.userId === group.scribeId)?.language ??
        group.members[0]?.language ??
        "fi";
      const note: StoredNote = {
        dialogueId,
        round: group.round,
        group: group.group,
        noteId: input.noteId,
        text: maskNoteText(checked.value.text, names, maskLang),
        themes: checked.value.themes.map((t) => maskNoteText(t, names, maskLang)),
        insights: maskNoteText(checked.value.insights, names, maskLang),
        savedAt: rc.now(),
      };
      try {
        await rc.notes.save(note, writers);
      } catch (err) {
        if (err instanceof RoundError && writers === "members")
          throw await closedBecause(dialogueId, group.round);
        throw err;
      }
      rc.logger.debug("note saved", { dialogueId, round: note.round, group: note.group });
      return { card: notesCardFor(lang, dialogueId, group, note) };
    },
  };
}

/** The notes service type. */
export type NotesService = ReturnType<typeof createNotesService>;
