import type { Dialogue } from "../../dialogues";
import type { Logger } from "../../../logger";

/** Called once a dialogue has ended (after the summary went to the organisers). */
export type DialogueEndedListener = (dialogue: Dialogue) => Promise<void>;

/** Other features' follow-ups to "end dialogue" (e.g. peer dialogues feeding the directory). */
export interface DialogueEndedHooks {
  add(listener: DialogueEndedListener): void;
  /** Runs every listener; a failing one is logged and does not undo or block the end. */
  notify(dialogue: Dialogue): Promise<void>;
}

/** Builds the hook list of the rounds feature. */
export function createDialogueEndedHooks(logger: Logger): DialogueEndedHooks {
  const listeners: DialogueEndedListener[] = [];
  return {
    add: (listener) => void listeners.push(listener),
    async notify(dialogue) {
      for (const listener of listeners) {
        try {
          await listener(dialogue);
        } catch (err) {
          logger.warn("dialogue-ended follow-up failed", {
            dialogueId: dialogue.id,
            error: (err as Error)?.name,
          });
        }
      }
    },
  };
}
