/**
 * IAP2 spectrum of public participation (seed 004): how much influence the participants get,
 * from being informed to deciding. Recorded on the directory entry a dialogue yields.
 */
export const IAP2_LEVELS = ["inform", "consult", "involve", "collaborate", "empower"] as const;
export type Iap2Level = (typeof IAP2_LEVELS)[number];

/** Participation-method templates a dialogue can be created from. */
export const METHOD_IDS = ["dialogue", "citizensJury", "participatoryBudgeting", "hybridAccessible"] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/** How people take part in a dialogue. */
export const DIALOGUE_MODES = ["remote", "inPerson", "hybrid"] as const;
export type DialogueMode = (typeof DIALOGUE_MODES)[number];

/**
 * Bounds of a breakout group's size (people), for the dialogue form and the facilitator's
 * controls: fewer than 2 is no conversation, more than 25 is no longer a small group (in person
 * 6–25 is the widest range dialogues use).
 */
export const GROUP_SIZE_LIMITS = { min: 2, max: 25 } as const;
