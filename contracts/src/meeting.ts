/**
 * The meeting side panel (`#/facilitator`): the facilitator's console of the dialogue linked to
 * the Teams meeting, or a participant's read-only view of their group.
 */

/** Where a dialogue is. */
export type ConsolePhase = "notStarted" | "started" | "ended";

/** The dialogue as the panel shows it. */
export interface ConsoleDialogue {
  id: string;
  title: string;
  /** ISO times. */
  start: string;
  end: string;
}

/** Someone who has registered (confirmed), and whether they are in the meeting now. */
export interface ConsolePerson {
  name: string;
  /** From the bot's meeting join/leave events; false when unknown. */
  present: boolean;
}

/**
 * Where the round whose groups the panel shows stands: being talked (`running`), formed and
 * starting next (`next`: before the first round and between rounds), or over (`ended`: after
 * the last round, or once the dialogue has ended); `none` when no groups are shown.
 */
export type ShownRoundStatus = "running" | "next" | "ended" | "none";

/** One breakout group of the round shown: members, room link and how many notes (never their text). */
export interface ConsoleGroup {
  group: number;
  /** `id` is the person's opaque id, the `person` of `markAbsent` (facilitators and organisers only). */
  members: { id: string; name: string; scribe: boolean; present: boolean }[];
  /** The room's Teams meeting link, when the app made one. */
  roomUrl?: string;
  /** Notes written in this group this round; absent for a round not started yet (it has none). */
  notes?: number;
}

/** The facilitator's console (facilitators and organisers only). */
export interface FacilitatorConsole {
  role: "facilitator";
  dialogue: ConsoleDialogue;
  phase: ConsolePhase;
  /** Last round started (0 = none). */
  round: number;
  plannedRounds: number;
  formedRounds: number;
  running: boolean;
  /** ISO end of the running round; the panel counts down to it. */
  roundEndsAt?: string;
  /** The server's clock when answering (ISO), so the countdown does not trust the device clock. */
  serverNow: string;
  /**
   * True while the dialogue has not started and starting it now would be well before its
   * scheduled start: the panel asks first and then sends `confirmEarly` (the server refuses an
   * early start without it, as on the bot's controls card).
   */
  startsEarly: boolean;
  registered: ConsolePerson[];
  /**
   * The round whose groups are shown (0 = none): the running round; else the next formed round
   * (round 1 before the first, round k + 1 after round k, until the dialogue ends); else the last
   * round held. Attendance operations act on this round when {@link groupsStatus} is `running`
   * or `next`.
   */
  groupsRound: number;
  /** Where {@link groupsRound} stands, so the panel labels it without re-deriving it. */
  groupsStatus: ShownRoundStatus;
  groups: ConsoleGroup[];
  /**
   * Confirmed registrants in no group of the round shown: the `person` choices of
   * `addLateJoiner` (empty unless the round shown is `running` or `next`).
   */
  lateJoinerChoices: { id: string; name: string }[];
  /**
   * Groups of the running round below the minimum that the facilitator has not chosen to keep:
   * the choice `keepGroup`, or `dissolveGroup` (move the members into groups with room, shown
   * first as an {@link AttendancePlan}) when the other groups have room (`canMove`). Empty unless
   * a round is running.
   */
  smallGroups: { group: number; size: number; minSize: number; canMove: boolean }[];
  /** Minutes a round may be extended by at once. */
  extendChoices: number[];
  maxBroadcast: number;
  /** Signed download links of the summary, after the end. */
  summary?: { md: string; docx: string; csv: string };
}

/**
 * A participant's read-only view: their group in the current round and its room. After the
 * dialogue has ended (`phase` "ended") there is no group: nothing to go to.
 */
export interface ParticipantConsole {
  role: "participant";
  dialogue: ConsoleDialogue;
  phase: ConsolePhase;
  round: number;
  running: boolean;
  roundEndsAt?: string;
  serverNow: string;
  /** Absent when the person is in no group of the current round. */
  group?: { group: number; members: string[]; roomUrl?: string; scribe: boolean };
}

/** `GET /api/meeting/dialogues/:id`. */
export type MeetingConsole = FacilitatorConsole | ParticipantConsole;

/** `GET /api/meeting/links/:threadId` and `PUT` (body `{ dialogueId }`, facilitators and organisers). */
export interface MeetingLinkBody {
  dialogueId: string;
}

/** Facilitator operations: `POST /api/meeting/dialogues/:id/:op`. */
export const CONSOLE_OPERATIONS = [
  "startDialogue",
  "form",
  "startRound",
  "extendRound",
  "endRound",
  "broadcast",
  "endDialogue",
  "markAbsent",
  "addLateJoiner",
  "dissolveGroup",
  "keepGroup",
] as const;

/** One facilitator operation. */
export type ConsoleOperation = (typeof CONSOLE_OPERATIONS)[number];

/**
 * Body of an operation: `round` for round operations, `minutes` to extend, `text` to broadcast,
 * `person` (the registrant's user id) to mark absent or add as a late joiner and `group` to keep a
 * small group or move its members, with `planVersion` (the {@link AttendancePlan} the facilitator
 * confirmed; not for `keepGroup`, which moves nobody), `confirmEarly` (`startDialogue`,
 * `startRound`) when the facilitator confirmed starting before the scheduled time, `requestId`
 * (broadcast; 8–64 letters, digits or `-`) identifying the composed message, so a retried request
 * sends nothing twice.
 */
export interface ConsoleOperationBody {
  round?: number;
  minutes?: number;
  text?: string;
  requestId?: string;
  person?: string;
  group?: number;
  planVersion?: string;
  confirmEarly?: boolean;
}

/** The attendance changes the panel shows before applying them. */
export const ATTENDANCE_CHANGES = ["markAbsent", "addLateJoiner", "dissolveGroup"] as const;

/** One attendance change: its operation's name. */
export type AttendanceChange = (typeof ATTENDANCE_CHANGES)[number];

/**
 * What an attendance change would do, before it is made:
 * `GET /api/meeting/dialogues/:id/attendance-plan?change=<AttendanceChange>&person=<id>`
 * (`&group=<n>` for `dissolveGroup`; facilitators and organisers). The operation then applies it only with this `version` as
 * `planVersion`; when attendance or the rounds changed meanwhile it answers 409 `planChanged`
 * with the new plan as `current`, and nothing changes.
 */
export interface AttendancePlan {
  change: AttendanceChange;
  /** Whom `markAbsent` / `addLateJoiner` is about. */
  person?: string;
  /** The group `dissolveGroup` closes. */
  group?: number;
  /** Opaque: the plan and round state the preview was made for. */
  version: string;
  /** The round the change acts on (the running one, else the next). */
  round: number;
  /** The plan in words, in the request's language: who moves where, what falls below the minimum, what is formed afresh. */
  lines: string[];
  moves: { name: string; fromGroup?: number; toGroup?: number }[];
  /** Groups of {@link round} that would fall below the minimum (keep them, or move their members). */
  belowMin: { group: number; size: number; minSize: number }[];
}
