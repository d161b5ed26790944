import type { DialogueLanguage, RegistrationAnswers } from "../domain/types";
import type { DialogueContext } from "./context";
import { sendPromotion } from "./notify";
import { updatePostings } from "./views";
import { groundRulesTextVersion } from "./ground-rules";

/**
 * What the public-registration feature may do with dialogues: read a dialogue open to the
 * public, and register, cancel or erase an external person in the shared seat pool. Seat changes
 * have the same follow-ups as in Teams: the promoted person is told (Teams chat or e-mail) and
 * the posted invitation cards are refreshed when the dialogue fills up or frees a seat.
 */
export function createPublicAccess(dc: DialogueContext) {
  const { registrations } = dc;

  async function afterCancel(
    result: Awaited<ReturnType<typeof registrations.cancelExternal>>,
    wasFull: boolean,
  ) {
    if (result.promoted) await sendPromotion(dc, result.dialogue, result.promoted);
    else if (result.cancelled && wasFull) await updatePostings(dc, result.dialogue);
    dc.logger.info("external registration cancelled", {
      dialogueId: result.dialogue.id,
      promoted: !!result.promoted,
    });
  }

  return {
    /** Whether the form may offer the public audience (an e-mail sender is configured). */
    enabled: dc.publicRegistration === true,
    /** A dialogue open to the public; throws DialogueError("notFound") otherwise. */
    dialogue: (id: string) => registrations.publicDialogue(id),
    counts: (dialogueId: string) => registrations.counts(dialogueId),
    /** The dialogue if the caller organises it (DialogueError "forbidden"/"notFound" otherwise). */
    organiserDialogue: (id: string, tenantId: string | undefined, userId: string) =>
      dc.dialogues.getForOrganiser(id, tenantId, userId),
    registration: (dialogueId: string, userId: string) => registrations.get(dialogueId, userId),

    /** Takes a seat or a waitlist place for a confirmed e-mail (idempotent per user key). */
    async register(input: {
      dialogueId: string;
      userId: string;
      name: string;
      uiLang: DialogueLanguage;
      answers: RegistrationAnswers;
    }) {
      // The public page showed the rules in the person's language: that text is what they accepted.
      const d = await registrations.publicDialogue(input.dialogueId);
      const answers = {
        ...input.answers,
        groundRulesVersion: groundRulesTextVersion(input.uiLang, d.groundRules),
      };
      const result = await registrations.registerExternal({ ...input, answers, groundRulesAccepted: true });
      if (!result.already && result.registration.status === "confirmed") {
        const counts = await registrations.counts(result.dialogue.id);
        if (counts.confirmed === result.dialogue.capacity) await updatePostings(dc, result.dialogue);
      }
      dc.logger.info("external registration", {
        dialogueId: result.dialogue.id,
        status: result.registration.status,
        already: result.already,
      });
      return result;
    },

    /** Cancels (manage link); the first in line, Teams or external, gets the seat. */
    async cancel(dialogueId: string, userId: string) {
      const before = await registrations.counts(dialogueId);
      const dialogue = await dc.dialogues.load(dialogueId);
      const result = await registrations.cancelExternal(dialogueId, userId);
      await afterCancel(result, !!dialogue && before.confirmed >= dialogue.capacity);
      return result;
    },

    /** Erasure on request: cancel as above, then delete the person's registration row. */
    async erase(dialogueId: string, userId: string) {
      const before = await registrations.counts(dialogueId);
      const dialogue = await dc.dialogues.load(dialogueId);
      const result = await registrations.eraseExternal(dialogueId, userId);
      await afterCancel(result, !!dialogue && before.confirmed >= dialogue.capacity);
      return result;
    },
  };
}

/** The facade type. */
export type PublicAccess = ReturnType<typeof createPublicAccess>;
