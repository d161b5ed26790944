import { DialogueError } from "../../dialogues";
import { isDialogueId } from "../../dialogues";
import type { Dialogue } from "../../dialogues";
import { isFacilitator, isOrganiser } from "../../dialogues";
import type { RoundsContext } from "./context";
import { RoundError } from "./errors";

/** True when the person may use the facilitator controls (facilitators and organisers). */
export function canFacilitate(d: Dialogue, userId: string | undefined): boolean {
  return isFacilitator(d, userId) || isOrganiser(d, userId);
}

/** Reads a dialogue of the caller's tenant; unknown ids and other tenants' dialogues are "not found". */
export async function loadDialogue(
  rc: RoundsContext,
  dialogueId: unknown,
  tenantId: string | undefined,
): Promise<Dialogue> {
  if (!isDialogueId(dialogueId)) throw new RoundError("notFound");
  try {
    return await rc.dialogues.get(dialogueId, tenantId);
  } catch (err) {
    if (err instanceof DialogueError) throw new RoundError("notFound");
    throw err;
  }
}

/**
 * The dialogue, when the caller (the authenticated `from.aadObjectId`, never card data) is one of
 * its facilitators or organisers; otherwise a refusal and nothing changes.
 */
export async function loadForFacilitator(
  rc: RoundsContext,
  dialogueId: unknown,
  tenantId: string | undefined,
  userId: string | undefined,
): Promise<Dialogue> {
  const d = await loadDialogue(rc, dialogueId, tenantId);
  if (!canFacilitate(d, userId)) throw new RoundError("forbidden");
  if (d.state === "cancelled") throw new RoundError("ended");
  return d;
}
