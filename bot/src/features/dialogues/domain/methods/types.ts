import { METHOD_IDS } from "@dialogi/contracts";
import type { DialogueLanguage, DialogueMode } from "../types";

/**
 * IAP2 spectrum of public participation (seed 004): how much influence the participants get,
 * from being informed to deciding. Recorded on the directory entry a dialogue yields.
 */
export const IAP2_LEVELS = ["inform", "consult", "involve", "collaborate", "empower"] as const;
export type Iap2Level = (typeof IAP2_LEVELS)[number];

/** Participation-method templates a dialogue can be created from. */
export { METHOD_IDS };
export type MethodId = (typeof METHOD_IDS)[number];

/** A text in each of the app's languages. */
export type Localised = Record<DialogueLanguage, string>;

/** One programme step, at a fraction of the event's length (0 = start, 1 = end). */
export interface MethodAgendaStep {
  at: number;
  /** Participants talk in breakout groups (a round). */
  breakout: boolean;
  title: Localised;
}

/** A role the organiser should fill (facilitator, scribe, expert, accessibility assistant, …). */
export interface MethodRole {
  id: string;
  name: Localised;
  /** How many, as guidance ("1 per group"). */
  count: Localised;
}

/** A participation-method template: what it pre-fills and how to run it. */
export interface MethodTemplate {
  id: MethodId;
  name: Localised;
  /** The IAP2 level the method usually reaches (the organiser may choose another). */
  level: Iap2Level;
  /** Suggested way of taking part; undefined keeps the organiser's choice. */
  mode?: DialogueMode;
  /** Suggested capacity (seats). */
  capacity: number;
  /** Breakout group sizes for the rounds plan. */
  groupSizes: { minSize: number; maxSize: number; targetSize: number };
  roles: MethodRole[];
  /** Programme of one event, scaled to its start and end; undefined = the standard dialogue agenda. */
  agenda?: MethodAgendaStep[];
  /** Phases of a longer process (a citizens' jury has four). */
  phases: Localised[];
  /** A short guide for the organiser. */
  guide: Localised;
}
