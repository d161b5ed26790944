import type { GroupingWarning, GroupingWarningCode } from "./types";

/**
 * English default texts of the warning codes. `{name}` placeholders are filled from the warning's
 * params; the tab and the bot translate by code and use these only as the fallback.
 */
export const WARNING_TEXT_EN: Record<GroupingWarningCode, string> = {
  emptyInput: "There is nobody to group yet.",
  invalidRegistrant: "Registrant number {index} has no id and was left out.",
  duplicateRegistrant: "Registrant {id} was listed twice; the first entry was used.",
  invalidSize: "The group size {field} was not a positive whole number; {value} was used instead.",
  minGreaterThanMax: "The minimum size {minSize} was larger than the maximum {maxSize}; they were swapped.",
  targetOutOfRange: "The target size {targetSize} was outside {minSize}–{maxSize}; {value} was used.",
  invalidRounds: "The number of rounds was not a positive whole number; {value} was used.",
  tooFewPeople:
    "Only {count} people are registered, fewer than the minimum group size {minSize}: they form one group.",
  clusterTooSmall:
    "Only {count} people chose “{cluster}”, too few for a group of their own: they were put with “{mergedInto}”. Check that they can follow the conversation.",
  sizesOutOfRange:
    "The {count} people of “{cluster}” cannot be split into groups of {minSize}–{maxSize}; groups of {size} were formed.",
  scribeRepeated:
    "In round {round}, {count} groups have a scribe who has been scribe before: everyone in those groups has had the turn.",
  unknownPerson: "Nobody with the id {id} is in the plan.",
  unknownRound: "There is no round {round}.",
  unknownGroup: "Round {round} has no group {group}.",
  alreadyInPlan: "{id} is already in the plan.",
  noMatchingCluster:
    "No group of round {round} talks in “{cluster}”; the person was put in the closest group ({group}).",
  groupAboveMax: "Round {round}, group {group} now has {size} people, more than the maximum {maxSize}.",
  groupBelowMin: "Round {round}, group {group} now has {size} people, fewer than the minimum {minSize}.",
  groupRemoved:
    "Round {round}, group {group} became empty and was removed; the later groups were renumbered.",
  groupDissolved:
    "Round {round}, group {group} became too small; its members joined other groups and the later groups were renumbered.",
  clusterMismatch:
    "In round {round}, the person was moved into group {group} of another cluster (“{cluster}”).",
  internalError: "Groups could not be formed because of an unexpected error; try again or form them by hand.",
};

/** The English text of a warning with its params filled in. */
export function explainWarning(w: GroupingWarning): string {
  return WARNING_TEXT_EN[w.code].replace(/\{(\w+)\}/g, (m, key: string) =>
    key in w.params ? String(w.params[key]) : m,
  );
}

/** Shorthand for building a warning. */
export function warn(
  code: GroupingWarningCode,
  params: Record<string, string | number> = {},
): GroupingWarning {
  return { code, params };
}
