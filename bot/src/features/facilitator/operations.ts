import type { AttendanceChange, ConsoleOperation } from "@dialogi/contracts";
import type { Language } from "../../platform/i18n/i18n";
import {
  broadcastRequestId,
  EXTEND_CHOICES,
  MAX_BROADCAST,
  type Caller,
  type RoundsServices,
  type RunResult,
} from "../rounds";
import { attendanceStep, planOf, PlanChanged, type AttendanceTarget } from "./attendance-plan";

/** Thrown for a malformed request; becomes 400 with a translated message. */
export class BadConsoleRequest extends Error {
  override name = "BadConsoleRequest";
}

const int = (v: unknown, max: number): number => {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max) throw new BadConsoleRequest();
  return v;
};

/**
 * Characters no user id has: controls, invisible formatting (zero-width, bidi overrides) and
 * the table-key characters `/ \ # ?` — refused before anything looks the id up.
 */
const NOT_IN_IDS = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff/\\#?]/;

/** A registrant's user id from the body or query (required, bounded, one string). */
const person = (v: unknown): string => {
  if (typeof v !== "string" || !v.trim() || v.length > 100 || NOT_IN_IDS.test(v))
    throw new BadConsoleRequest();
  return v.trim();
};

/** A group number from the body (a number) or the query (digits only: no `0x1`, `1e0`, ` 1`). */
const groupOf = (v: unknown): number =>
  int(typeof v === "string" && /^[1-9]\d{0,2}$/.test(v) ? Number(v) : v, 999);

/** A plan version is a string the preview gave (an ETag and the round): anything else is malformed. */
const MAX_PLAN_VERSION = 200;

/** Whom an attendance change is about: a group to dissolve, else a person. */
export const targetOf = (
  change: AttendanceChange,
  v: { person?: unknown; group?: unknown },
): AttendanceTarget =>
  change === "dissolveGroup" ? { group: groupOf(v.group) } : { person: person(v.person) };

/**
 * Runs one facilitator operation through the rounds services — the very calls the bot's control
 * card makes (`rounds/handlers/facilitator-verbs.ts`), so the role checks, state transitions,
 * timers and messages are the same whichever surface the facilitator uses. An attendance change
 * is applied only for the plan the facilitator saw (`planVersion`, from the attendance-plan
 * preview); otherwise {@link PlanChanged} carries the current plan, in `lang`, and nothing changes.
 */
export async function runOperation(
  s: RoundsServices,
  op: ConsoleOperation,
  dialogueId: string,
  body: Record<string, unknown>,
  caller: Caller,
  lang: Language,
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
    case "addLateJoiner":
    case "dissolveGroup": {
      const target = targetOf(op, body);
      const version = body.planVersion;
      if (version !== undefined && (typeof version !== "string" || version.length > MAX_PLAN_VERSION))
        throw new BadConsoleRequest();
      const result = await attendanceStep(s, op, dialogueId, target, caller, body.planVersion);
      const plan = planOf(result, op, target, lang);
      if (plan) throw new PlanChanged(plan);
      return result;
    }
    case "keepGroup":
      return s.attendance.keepGroup(dialogueId, int(body.group, 999), caller);
    case "endDialogue": {
      const result = await s.run.endDialogue(dialogueId, caller);
      await s.summary.deliver(result.dialogue);
      await s.ended.notify(result.dialogue);
      return result;
    }
  }
}
