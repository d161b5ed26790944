import type { NoteRepository } from "../store/note-repository";
import type { RunState } from "./types";

/**
 * Makes the notes gates match the run state: the current round's notes are open (for scribes,
 * and for all members when allowed) from its start until the next round starts or the dialogue
 * ends; the previous round's are closed. Idempotent, so the announce job re-applies it after a
 * crash between the state transition and these writes.
 */
export async function syncGates(notes: NoteRepository, state: RunState): Promise<void> {
  const { dialogueId, round } = state;
  if (round < 1) return;
  if (round > 1) {
    await notes.closeGate(dialogueId, round - 1, "scribes");
    await notes.closeGate(dialogueId, round - 1, "members");
  }
  if (state.phase !== "started") {
    await notes.closeGate(dialogueId, round, "scribes");
    await notes.closeGate(dialogueId, round, "members");
    return;
  }
  await notes.openGate(dialogueId, round, "scribes");
  if (state.membersMayWrite) await notes.openGate(dialogueId, round, "members");
  else await notes.closeGate(dialogueId, round, "members");
}
