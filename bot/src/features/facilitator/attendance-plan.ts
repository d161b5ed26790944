import type { AttendanceChange, AttendancePlan } from "@dialogi/contracts";
import type { Language } from "../../platform/i18n/i18n";
import { previewLines, type AttendanceResult, type Caller, type RoundsServices } from "../rounds";

/**
 * The side panel's attendance change was confirmed for a plan that is no longer current (someone
 * changed attendance, or a round started or ended, meanwhile): nothing changed; 409 with `plan`,
 * the new one, so the facilitator confirms what will really happen.
 */
export class PlanChanged extends Error {
  override name = "PlanChanged";
  constructor(readonly plan: AttendancePlan) {
    super("plan changed");
  }
}

/** Whom or which group a change is about: `person` to mark absent or add, `group` to dissolve. */
export type AttendanceTarget = { person: string; group?: undefined } | { group: number; person?: undefined };

/**
 * Runs an attendance change through the rounds services' confirm step, the same as the controls
 * card's: without `planVersion` (a preview) or with one that is not current it changes nothing
 * and answers the plan; with the current one it applies the change.
 */
export function attendanceStep(
  s: RoundsServices,
  change: AttendanceChange,
  dialogueId: string,
  target: AttendanceTarget,
  caller: Caller,
  planVersion: unknown,
): Promise<AttendanceResult> {
  const options = typeof planVersion === "string" ? { confirm: true, planTag: planVersion } : {};
  if (change === "dissolveGroup")
    return s.attendance.dissolveGroup(dialogueId, target.group ?? 0, caller, options);
  const person = target.person ?? "";
  return change === "markAbsent"
    ? s.attendance.markAbsent(dialogueId, person, caller, options)
    : s.attendance.addLateJoiner(dialogueId, person, caller, options);
}

/** The confirm step of a result as the panel's plan, in `lang`; undefined when the change was made. */
export function planOf(
  result: AttendanceResult,
  change: AttendanceChange,
  target: AttendanceTarget,
  lang: Language,
): AttendancePlan | undefined {
  const confirm = result.confirm;
  if (!confirm) return undefined;
  const p = confirm.preview;
  return {
    change,
    ...(target.person !== undefined ? { person: target.person } : { group: target.group }),
    version: String(confirm.data.planTag),
    round: p.round,
    lines: previewLines(lang, p),
    moves: p.moves,
    belowMin: p.belowMin,
  };
}
