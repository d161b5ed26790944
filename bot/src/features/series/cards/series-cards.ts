/**
 * Card builders of the series feature: data in, Adaptive Card JSON (1.5) out. One builder per
 * template lives in its own module; this file is the one place handlers and the notifier import
 * them from.
 */
export { dashboardCard } from "./dashboard-card";
export { doneCard } from "./done-card";
export { enrolFormCard } from "./enrol-form-card";
export { listCard } from "./list-card";
export { newSeriesCard } from "./new-series-card";
export { recordFormCard } from "./record-form-card";
export { reminderCard } from "./reminder-card";
export { signupCard } from "./signup-card";
export { summaryCard } from "./summary-card";
export type { SeriesFormError } from "./card-text";
/** Helsinki-style date for messages. */
export { fiDate as displaySeriesDate } from "./card-text";
