/**
 * Shapes of breakout-group planning. Plain JSON-serialisable data so a plan can be stored as is,
 * sent to the tab and fed back into the incremental operations (late joiner, no-show, move).
 */

/**
 * Attributes a registrant can have that grouping may diversify or cluster on. Attendance comes
 * first: when clustered (hybrid dialogues), a small cluster merges into one of the same mode
 * before one of the same language (earlier components weigh more, see `likeness`).
 */
export const ATTRIBUTE_KEYS = ["attendance", "org", "background", "language", "accessibility"] as const;
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** What grouping does with an attribute: spread its values, keep equal values together, or neither. */
export type AttributePolicy = "diversify" | "cluster" | "ignore";

/** One person to be grouped (only what grouping needs; no contact details). */
export interface Registrant {
  id: string;
  firstName: string;
  attributes: {
    org?: string;
    background?: string;
    /** The language the person wants to talk in; clustered by default. */
    language: string;
    /** A need such as "sign language"; ignored unless a policy says otherwise. */
    accessibility?: string;
    /** Hybrid dialogues: "onSite" or "remote"; ignored unless a policy says otherwise. */
    attendance?: string;
  };
  volunteerScribe?: boolean;
}

/** How people take part; sets the default group sizes. */
export type GroupingMode = "remote" | "inPerson";

/** What the facilitator asks for. Everything is optional except `rounds` and `seed`. */
export interface GroupingOptions {
  /** Default "remote" (3–8 people); "inPerson" means 6–25. */
  mode?: GroupingMode;
  minSize?: number;
  maxSize?: number;
  /** Preferred size; the group count is chosen so sizes come closest to it within min–max. */
  targetSize?: number;
  rounds: number;
  /** Same seed and input → same plan. */
  seed: number;
  /** Per attribute; language defaults to "cluster", org and background to "diversify". */
  policies?: Partial<Record<AttributeKey, AttributePolicy>>;
}

/** Options after defaults and repairs, as stored in a plan. */
export interface ResolvedGroupingOptions {
  minSize: number;
  maxSize: number;
  targetSize: number;
  rounds: number;
  seed: number;
  policies: Record<AttributeKey, AttributePolicy>;
}

/** Why a group needs the facilitator's attention. */
export type GroupFlag = "mergedCluster" | "belowMinSize" | "aboveMaxSize" | "clusterMismatch" | "keptSmall";

/** One breakout group of one round. */
export interface PlannedGroup {
  /** 1-based within the round. */
  number: number;
  /** Label of the cluster ("fi", "sv", "fi/ngo"); "" when nothing is clustered. */
  cluster: string;
  memberIds: string[];
  /** A member; volunteers first, rotated across rounds. */
  scribeId: string;
  flags: GroupFlag[];
}

/** The groups of one round. */
export interface RoundPlan {
  /** 1-based. */
  index: number;
  groups: PlannedGroup[];
}

/** A whole grouping plan: everything the incremental operations need to continue it. */
export interface GroupPlan {
  options: ResolvedGroupingOptions;
  registrants: Registrant[];
  rounds: RoundPlan[];
}

/** Translatable explanation codes; see `WARNING_TEXT_EN` for the English defaults. */
export type GroupingWarningCode =
  | "emptyInput"
  | "invalidRegistrant"
  | "duplicateRegistrant"
  | "invalidSize"
  | "minGreaterThanMax"
  | "targetOutOfRange"
  | "invalidRounds"
  | "tooFewPeople"
  | "clusterTooSmall"
  | "sizesOutOfRange"
  | "scribeRepeated"
  | "unknownPerson"
  | "unknownRound"
  | "unknownGroup"
  | "alreadyInPlan"
  | "noMatchingCluster"
  | "groupAboveMax"
  | "groupBelowMin"
  | "groupRemoved"
  | "groupDissolved"
  | "clusterMismatch"
  | "internalError";

/** A warning with the values its text needs. */
export interface GroupingWarning {
  code: GroupingWarningCode;
  params: Record<string, string | number>;
}

/** What every grouping operation returns: it never throws, it explains. */
export interface GroupingResult {
  plan: GroupPlan;
  warnings: GroupingWarning[];
}
