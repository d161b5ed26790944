import { createHash } from "node:crypto";
import { cleanMultiline } from "../../../platform/text/sanitize";
import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { fanOut, titleFor } from "./notify";
import { dialogueT } from "./texts";
import { organiserView } from "./views";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";

/** Sends the organiser's message to every registrant. */
export const DIALOGUE_MESSAGE_VERB = "dialogue.message";

const MAX_MESSAGE = 2000;

/**
 * Fan-out of an organiser's message to confirmed and waitlisted people. The same text is sent
 * once per dialogue: a Teams retry or a double click does not message everyone twice.
 */
export function createDialogueMessageAction(dc: DialogueContext): CardAction {
  return {
    verb: DIALOGUE_MESSAGE_VERB,
    handle: (_ctx, env, data) =>
      refusing(env, async () => {
        const t = dialogueT(env.lang);
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        if (typeof data.message !== "string") throw new CardInputError(t("errors.badData"));
        const text = cleanMultiline(data.message);
        if (!text || text.length > MAX_MESSAGE)
          throw new CardInputError(t("errors.message", { max: MAX_MESSAGE }));
        const dialogue = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        if (dialogue.state === "cancelled") return { message: t("refused.cancelled") };
        const key = createHash("sha256").update(`${userId}\n${text}`).digest("hex").slice(0, 32);
        if (!(await dc.dialogues.claimOnce(dialogue.id, `msg-${key}`))) {
          return {
            card: await organiserView(dc, env, dialogue, {
              text: t("organiser.alreadySent"),
              color: "Default",
            }),
          };
        }
        const recipients = await dc.registrations.active(dialogue.id);
        const from = env.userName ?? "";
        const delivered = await fanOut(
          dc,
          dialogue,
          recipients,
          (r) =>
            `${dialogueT(r.uiLang)("notify.fromOrganiser", { title: titleFor(dialogue, r), name: from })}\n\n${text}`,
          false,
          "message",
          undefined,
          // The same organiser and text is the same decision (claimed once above).
          { key: `message|${key}`, label: "message" },
        );
        const notice = {
          text: t("organiser.sent", { count: delivered, total: recipients.length }),
          color: "Good" as const,
        };
        return { card: await organiserView(dc, env, dialogue, notice) };
      }),
  };
}
