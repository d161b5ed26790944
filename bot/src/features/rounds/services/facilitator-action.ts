import type { TurnContext } from "botbuilder";
import type { CardAction, CardActionResult } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { errorFields } from "../../../logger";
import { callerOf } from "./card-data";
import { refusingRounds } from "./refusals";
import type { RunResult } from "./run-service";
import type { RoundsServices } from "./services";
import { controlsView } from "../cards/controls-view";

/** A facilitator operation: validates its card data and calls a service; the caller is authenticated. */
export type FacilitatorOp = (
  s: RoundsServices,
  env: TurnEnv,
  data: Record<string, unknown>,
  caller: ReturnType<typeof callerOf>,
  ctx: TurnContext,
) => Promise<RunResult>;

/**
 * A card action of the facilitator controls: runs the operation and answers with the refreshed
 * controls card (Action.Execute replaces the clicked card); refusals become translated messages.
 */
export function facilitatorAction(verb: string, s: RoundsServices, op: FacilitatorOp): CardAction {
  return {
    verb,
    handle: (ctx, env, data) =>
      refusingRounds(env.lang, async (): Promise<CardActionResult> => {
        const caller = callerOf(env);
        const result = await op(s, env, data, caller, ctx);
        // Who did what: every change (not the read-only view) is audited with the caller's id. A
        // lost audit row must not turn a done action into an error: it is logged (ids only).
        if (verb !== "round.controls" && !result.ask)
          await s.rc.dialogues.staff.audit(result.dialogue.id, caller.userId, verb).catch((err: unknown) =>
            s.rc.logger.warn("audit not recorded", {
              dialogueId: result.dialogue.id,
              verb,
              ...errorFields(err),
            }),
          );
        return { card: await controlsView(s.rc, env.lang, caller.userId, result) };
      }),
  };
}
