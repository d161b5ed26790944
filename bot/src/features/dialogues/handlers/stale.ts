import type { Dialogue } from "../domain/types";
import type { CardActionResult } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { DialogueContext } from "./context";
import { dialogueT } from "./texts";
import { organiserView } from "./views";

/** The answer to a submission from an outdated card: nothing changed, here is the latest version. */
export async function staleCard(
  dc: DialogueContext,
  env: TurnEnv,
  dialogue: Dialogue,
): Promise<CardActionResult> {
  const text = dialogueT(env.lang)(dialogue.state === "cancelled" ? "refused.cancelled" : "refused.stale");
  return { card: await organiserView(dc, env, dialogue, { text, color: "Attention" }) };
}
