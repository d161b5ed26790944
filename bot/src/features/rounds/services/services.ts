import type { AttendanceService } from "./attendance-service";
import type { RoundsContext } from "./context";
import type { DialogueEndedHooks } from "./ended-hooks";
import type { NotesService } from "./notes-service";
import type { PlanService } from "./plan-service";
import type { RunService } from "./run-service";
import type { DialogueSummaryService } from "./summary-service";

/** The rounds feature's services, as the bot's commands and card actions use them. */
export interface RoundsServices {
  rc: RoundsContext;
  run: RunService;
  plan: PlanService;
  notes: NotesService;
  summary: DialogueSummaryService;
  /** Absent people and late joiners on the day. */
  attendance: AttendanceService;
  /** Follow-ups of other features when a dialogue ends. */
  ended: DialogueEndedHooks;
}
