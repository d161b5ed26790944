/**
 * Every table the app uses (logical names; the configured prefix is added by the store).
 * Created at start-up; add a table here when a feature needs one.
 */
export const TABLE_NAMES = [
  "ConversationRefs",
  "Organisations",
  "Entries",
  "Memberships",
  "Audit",
  "Dialogues",
  "Registrations",
  "Groups",
  "Notes",
  "Jobs",
  "Series",
  "PublicRegistrants",
  "UserPreferences",
  "Outbox",
] as const;

/** A logical table name. */
export type TableName = (typeof TABLE_NAMES)[number];
