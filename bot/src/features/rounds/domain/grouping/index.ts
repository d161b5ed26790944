/** Breakout-group planning: form groups, adjust them incrementally, and report their quality. */
export { formGroups, sanitiseRegistrants } from "./form-groups";
export { addLateJoiner } from "./late-joiner";
export { removeNoShow } from "./no-show";
export { movePerson } from "./move-person";
export { assessPlan, countRepeats, type QualityReport } from "./quality";
export { balancedSizes, resolveOptions, DEFAULT_POLICIES, DEFAULT_SIZES } from "./options";
export { explainWarning, WARNING_TEXT_EN } from "./warnings";
export { mulberry32, deriveSeed } from "./prng";
export * from "./types";
