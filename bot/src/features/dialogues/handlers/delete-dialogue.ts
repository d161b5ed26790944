import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import { mayDelete } from "../domain/user-state";
import type { DialogueEraser } from "../store/dialogue-eraser";
import type { DialogueContext } from "./context";
import { dialogueT } from "./texts";
import type { BotCommand } from "../../../platform/teams/command";
import { escapeMarkdown } from "../../../platform/teams/markdown";

/** Words that confirm the deletion (typed after the id). */
const CONFIRM = new Set(["confirm", "vahvista", "bekräfta"]);

/**
 * `delete dialogue <id> [confirm]` / `poista dialogi <id> [vahvista]` / `radera dialog <id>
 * [bekräfta]`, the dialogue's creator only (co-organisers are told who can, others get the
 * organisers-only refusal and learn nothing): without the confirming word it says what will be deleted and how
 * to confirm; with it, the dialogue and all its personal data are erased (retention, docs/reliability-security.md).
 */
export function createDeleteDialogueCommand(dc: DialogueContext, eraser: DialogueEraser): BotCommand {
  return {
    id: "deleteDialogue",
    triggers: { fi: ["poista dialogi"], sv: ["radera dialog"], en: ["delete dialogue"] },
    listed: false,
    async run(ctx, env, args) {
      const t = dialogueT(env.lang);
      const [id = "", word = ""] = args.split(" ");
      if (!isDialogueId(id)) {
        await ctx.sendActivity(t("delete.usage"));
        return;
      }
      try {
        const dialogue = await dc.dialogues.getForOrganiser(id, env.tenantId, env.userId);
        if (!mayDelete(dialogue, env.userId)) {
          // Refused before the warning too: a co-organiser should not be led to a confirm step.
          dc.logger.info("dialogue delete refused: not the creator", { dialogueId: id });
          const name = dialogue.createdBy.name.trim();
          await ctx.sendActivity(
            name ? t("delete.creatorOnly", { name: escapeMarkdown(name) }) : t("delete.creatorOnlyUnnamed"),
          );
          return;
        }
        if (!CONFIRM.has(word)) {
          await ctx.sendActivity(t("delete.confirm", { title: escapeMarkdown(dialogue.title), id }));
          return;
        }
        // First, while the event's and rooms' ids are still stored: they go after the erase.
        await dc.dialogues.erasing(dialogue);
        const rows = await eraser.erase(dialogue);
        dc.logger.info("dialogue deleted", { dialogueId: id, rows });
        await ctx.sendActivity(t("delete.done", { id }));
      } catch (err) {
        if (!(err instanceof DialogueError)) throw err;
        await ctx.sendActivity(t(`refused.${err.code}`));
      }
    },
  };
}
