import { TeamsInfo, type TurnContext } from "botbuilder";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { DialogueService } from "../domain/dialogue-service";
import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import { isOrganiser } from "../domain/user-state";

/**
 * Gives a person added by e-mail (without Graph) their role when they first open the dialogue in
 * Teams, and a person picked without Graph their display name (from the activity): their address comes from Teams (`TeamsInfo.getMember`, the conversation's member record)
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
  if (!d) return;
  const unnamed = [...(d.coOrganisers ?? []), ...d.facilitators].some(
    (p) => p.aadId === env.userId && !p.name,
  );
  const pending = !!d.pendingStaff?.length && !isOrganiser(d, env.userId);
  if (!unnamed && !pending) return;
  const fromId = ctx.activity.from?.id;
  const member =
    pending && fromId ? await TeamsInfo.getMember(ctx, fromId).catch(() => undefined) : undefined;
  const email = member?.email ?? member?.userPrincipalName;
  try {
    await dialogues.staff.claim(d, { aadId: env.userId, name: env.userName ?? member?.name ?? "", email });
  } catch (err) {
    // Changed meanwhile: the next open tries again.
    if (!(err instanceof DialogueError)) throw err;
  }
}
