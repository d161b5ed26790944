import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from "botbuilder";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { DialogueService } from "../domain/dialogue-service";
import { DialogueError } from "../domain/errors";
import { isDialogueId } from "../domain/ids";
import { isOrganiser } from "../domain/user-state";
import { normaliseEmail } from "../domain/staff-service";
import type { Dialogue } from "../domain/types";

/**
 * The address a Teams member record may claim a pending entry with: a member of the dialogue's
 * tenant only. A guest's `email` is whatever address they were invited with (any member may
 * invite guests by default) and says nothing about who owns it, so guests, anonymous users and
 * records of another tenant claim nothing (an organiser adds them with the people picker).
 */
function claimableAddress(member: TeamsChannelAccount | undefined, tenantId: string): string | undefined {
  if (!member) return undefined;
  const upn = member.userPrincipalName ?? "";
  const role = (member.userRole ?? "").toLowerCase();
  if (role === "guest" || role === "anonymous" || upn.toLowerCase().includes("#ext#")) return undefined;
  if (member.tenantId && member.tenantId.toLowerCase() !== tenantId.toLowerCase()) return undefined;
  return member.email ?? (upn || undefined);
}

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
  const email = claimableAddress(member, env.tenantId);
  try {
    await dialogues.staff.claim(d, { aadId: env.userId, name: env.userName ?? member?.name ?? "", email });
  } catch (err) {
    // Changed meanwhile: the next open tries again.
    if (!(err instanceof DialogueError)) throw err;
  }
}

/**
 * "My dialogues" for someone added by e-mail: every dialogue where a role waits for their
 * address (from their Teams member record, the same rule as above) is claimed now, so it is
 * listed as theirs without knowing its id. Returns the dialogues claimed.
 */
export async function claimPendingByEmail(
  dialogues: DialogueService,
  ctx: TurnContext,
  env: TurnEnv,
): Promise<Dialogue[]> {
  const fromId = ctx.activity.from?.id;
  if (!env.userId || !env.tenantId || !fromId) return [];
  const member = await TeamsInfo.getMember(ctx, fromId).catch(() => undefined);
  const email = normaliseEmail(claimableAddress(member, env.tenantId) ?? "");
  if (!email) return [];
  const claimed: Dialogue[] = [];
  for (const d of await dialogues.listPendingFor(env.tenantId, email)) {
    try {
      claimed.push(
        await dialogues.staff.claim(d, {
          aadId: env.userId,
          name: env.userName ?? member?.name ?? "",
          email,
        }),
      );
    } catch (err) {
      // Changed meanwhile: the next "my dialogues" or open tries again.
      if (!(err instanceof DialogueError)) throw err;
    }
  }
  return claimed;
}
