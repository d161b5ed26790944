import type { ConsoleOperation } from "@dialogi/contracts";
import {
  broadcastRequestId,
  EXTEND_CHOICES,
  MAX_BROADCAST,
  type Caller,
  type RoundsServices,
  type RunResult,
} from "../rounds";

/** Thrown for a malformed request; becomes 400 with a translated message. */
export class BadConsoleRequest extends Error {
  override name = "BadConsoleRequest";
}

const int = (v: unknown, max: number): number => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max) throw new BadConsoleRequest();
  return v;
};

/** A registrant's user id from the body (required, bounded). */
const person = (v: unknown): string => {
  if (typeof v !== "string" || !v.trim() || v.length > 100) throw new BadConsoleRequest();
  return v.trim();
};

/**
 * Runs one facilitator operation through the rounds services — the very calls the bot's control
 * card makes (`rounds/handlers/facilitator-verbs.ts`), so the role checks, state transitions,
 * timers and messages are the same whichever surface the facilitator uses.
 */
export async function runOperation(
  s: RoundsServices,
  op: ConsoleOperation,
  dialogueId: string,
  body: Record<string, unknown>,
  caller: Caller,
): Promise<RunResult> {
  switch (op) {
    case "startDialogue":
      return s.run.startDialogue(dialogueId, caller, body.confirmEarly === true);
    case "form":
      return s.plan.form(dialogueId, 1, caller);
    case "startRound":
      return s.run.startRound(dialogueId, int(body.round, 99), caller, body.confirmEarly === true);
    case "extendRound": {
      const minutes = int(body.minutes, 60);
      if (!(EXTEND_CHOICES as readonly number[]).includes(minutes)) throw new BadConsoleRequest();
      return s.run.extendRound(dialogueId, int(body.round, 99), minutes, caller);
    }
    case "endRound":
      return s.run.endRound(dialogueId, int(body.round, 99), caller);
    case "broadcast": {
      const text = typeof body.text === "string" ? body.text.trim() : "";
      if (!text || text.length > MAX_BROADCAST || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
        throw new BadConsoleRequest();
      if (body.requestId !== undefined && !broadcastRequestId(body.requestId)) throw new BadConsoleRequest();
      // The panel's id of the composed message: a retried request sends nothing twice.
      const requestId = broadcastRequestId(body.requestId);
      return s.run.broadcast(dialogueId, int(body.round, 99), text, caller, requestId);
    }
    case "markAbsent":
      return s.attendance.markAbsent(dialogueId, person(body.person), caller, { currentPlan: true });
    case "addLateJoiner":
      return s.attendance.addLateJoiner(dialogueId, person(body.person), caller, { currentPlan: true });
    case "endDialogue": {
      const result = await s.run.endDialogue(dialogueId, caller);
      await s.summary.deliver(result.dialogue);
      await s.ended.notify(result.dialogue);
      return result;
    }
  }
}
