import { TeamsInfo, type TurnContext } from "botbuilder";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { DialogueService } from "../domain/dialogue-service";
import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import { isOrganiser } from "../domain/user-state";

/**
 * Gives a person added by e-mail (without Graph) their role when they first open the dialogue in
 * Teams: their address comes from Teams (`TeamsInfo.getMember`, the conversation's member record)
 * and is matched against the dialogue's pending entries. Called before the role checks of the
 * controls and organiser views; does nothing (and costs no Teams call) when nobody is pending.
 */
export async function claimPendingRole(
  dialogues: DialogueService,
  ctx: TurnContext,
  env: TurnEnv,
  dialogueId: unknown,
): Promise<void> {
  if (!isDialogueId(dialogueId) || !env.userId || !env.tenantId) return;
  const d = await dialogues.get(dialogueId, env.tenantId).catch(() => undefined);
  if (!d?.pendingStaff?.length || isOrganiser(d, env.userId)) return;
  const fromId = ctx.activity.from?.id;
  const member = fromId ? await TeamsInfo.getMember(ctx, fromId).catch(() => undefined) : undefined;
  const email = member?.email ?? member?.userPrincipalName;
  if (!email) return;
  try {
    await dialogues.staff.claim(d, { aadId: env.userId, name: env.userName ?? member?.name ?? "", email });
  } catch (err) {
    // Changed meanwhile: the next open tries again.
    if (!(err instanceof DialogueError)) throw err;
  }
}
