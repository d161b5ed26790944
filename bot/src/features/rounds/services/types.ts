import type { DialogueLanguage } from "../../dialogues";

/**
 * What the rounds feature stores and passes around (service layer). The pure grouping, notes and
 * summary logic lives in `domain/`; these are the shapes of our tables and messages.
 */

/** One person in a breakout group (copied from the registration when the groups are formed). */
export interface GroupMember {
  userId: string;
  name: string;
  /** Teams id, for Adaptive Card `refresh.userIds`. */
  teamsId?: string;
  /** Language the person wants to talk in. */
  language: DialogueLanguage;
  /** Language of the person's messages. */
  uiLang: DialogueLanguage;
  organisation: string;
  /** Background category (grouping mixes them); "" when not given. */
  background: string;
}

/**
 * One breakout group of one round. Once the round has started it changes only through attendance
 * (an absent person, a late joiner: services/attendance-service.ts).
 */
export interface RoundGroup {
  round: number;
  /** 1-based; also the Teams breakout room number. */
  group: number;
  members: GroupMember[];
  /** The scribe (a member), if any. */
  scribeId?: string;
  /** The group's own Teams meeting, when rooms have one (else the dialogue's meeting is used). */
  joinUrl?: string;
}

/** Where a dialogue's rounds are. */
export type RunPhase = "notStarted" | "started" | "ended";

/**
 * The run state of one dialogue (one row, ETag-guarded). Any instance may handle any request;
 * every transition is a conditional replace, so concurrent clicks give one transition.
 */
export interface RunState {
  dialogueId: string;
  phase: RunPhase;
  /** The last round started (0 = none yet). Its notes are open until the next round or the end. */
  round: number;
  /** True while `round` is being talked (until ended by the facilitator or its timer). */
  running: boolean;
  roundStartedAt?: Date;
  roundEndsAt?: Date;
  /** Rounds the groups are formed for (rows `r{k}-g{n}` exist for 1..formedRounds). */
  formedRounds: number;
  /** Round count from the agenda at forming time. */
  plannedRounds: number;
  /** Facilitator allows members other than the scribe to add notes. */
  membersMayWrite: boolean;
  /** End time the 5-minute warning was sent for (deduplicates the at-least-once timer). */
  warnedEndsAt?: Date;
  /** End time the "2 minutes left" in-meeting notification was sent for (deduplicates it likewise). */
  noticedEndsAt?: Date;
  endedAt?: Date;
  /**
   * A start, extend or end whose follow-up steps (notes gates, timer jobs, the "over" message)
   * are not known to be done: written in the same transition as the change, cleared after the
   * steps; the next facilitator click or the repair job finishes them (`run-repair.ts`).
   */
  pending?: PendingSteps;
  /** Increments on every transition (cards may carry it). */
  version: number;
}

/** The follow-up steps of one facilitator operation, see {@link RunState.pending}. */
export interface PendingSteps {
  op: "start" | "extend" | "end";
  round: number;
  /**
   * When whoever works the steps took them on; the epoch once they failed. Another instance
   * takes them over only after a grace period, so two never work them at once.
   */
  since: Date;
}

/** A stored state with its ETag. */
export type StoredRunState = RunState & { etag: string };

/** An anonymous note: no author, only where it belongs. */
export interface StoredNote {
  dialogueId: string;
  round: number;
  group: number;
  /** Minted into the card when it was rendered; a retried submit upserts the same row. */
  noteId: string;
  /** Masked text. */
  text: string;
  themes: string[];
  insights: string;
  savedAt: Date;
}
