import { CardFactory } from "botbuilder";
import { randomUUID } from "node:crypto";
import { offeredOrganisations, type DialogueContext } from "./context";
import { dialogueFormCard, newFormValues } from "../cards/form-card";
import { dialogueT } from "./texts";
import { publicRight } from "./public-right";
import type { BotCommand } from "../../../platform/teams/command";

/** `new dialogue` / `uusi dialogi` / `ny dialog`: opens the dialogue form (personal chat). */
export function createNewDialogueCommand(dc: DialogueContext): BotCommand {
  return {
    id: "newDialogue",
    triggers: { fi: ["uusi dialogi"], sv: ["ny dialog"], en: ["new dialogue"] },
    listed: true,
    async run(ctx, env) {
      if (env.conversationType && env.conversationType !== "personal") {
        await ctx.sendActivity(dialogueT(env.lang)("command.personalOnly"));
        return;
      }
      const values = newFormValues(env.lang, dc.now());
      // The nonce makes the submit idempotent: the same form creates one dialogue.
      const card = dialogueFormCard({
        lang: env.lang,
        automaticMeetings: dc.dialogues.automaticMeetings,
        publicAllowed: publicRight(dc, env.tenantId).allowed,
        mode: "create",
        values,
        nonce: randomUUID(),
        agendaDefault: values.agenda,
        organisations: await offeredOrganisations(dc, env.tenantId, env.lang),
      });
      await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    },
  };
}
