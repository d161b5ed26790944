/**
 * The directory feature (organisations, entries, the entry editor) as other features see it.
 * Routed views are loaded lazily by App.tsx from their own modules.
 */
export { EntryMeta } from "./EntryMeta";
