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
/** How long the click waits for the messages to leave when this instance is the sender. */
const AWAIT_MS = 5000;

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
        // The same organiser and text is the same decision. "Already sent" only when it was
        // recorded: a first click that claimed it but failed to record (store down) is retried.
        const decision = { key: `message|${key}`, label: "message" };
        const recorded = async () =>
          (await dc.outbox.deliveries(dialogue.id)).some((r) => r.decisionKey === decision.key);
        if (!(await dc.dialogues.claimOnce(dialogue.id, `msg-${key}`)) && (await recorded())) {
          return {
            card: await organiserView(dc, env, dialogue, {
              text: t("organiser.alreadySent"),
              color: "Default",
            }),
          };
        }
        const recipients = await dc.registrations.active(dialogue.id);
        const from = env.userName ?? "";
        const recordedCount = await fanOut(
          dc,
          dialogue,
          recipients,
          (r) =>
            `${dialogueT(r.uiLang)("notify.fromOrganiser", { title: titleFor(dialogue, r), name: from })}\n\n${text}`,
          false,
          "message",
          undefined,
          decision,
          { awaitDeliveryMs: AWAIT_MS },
        );
        // The card says how many got it: Teams rows sent within the wait (the rest are on their
        // way or failed, shown in the side panel), plus the mails recorded for e-mail registrants.
        const rows = (await dc.outbox.deliveries(dialogue.id)).filter((r) => r.decisionKey === decision.key);
        const delivered = recordedCount - rows.length + rows.filter((r) => r.status === "sent").length;
        const notice = {
          text: t("organiser.sent", { count: delivered, total: recipients.length }),
          color: "Good" as const,
        };
        return { card: await organiserView(dc, env, dialogue, notice) };
      }),
  };
}
