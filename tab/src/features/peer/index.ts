/**
 * The peer-dialogue feature (calendar, listing health) as other features see it. The calendar
 * view is loaded lazily by App.tsx from its own module.
 */
export { OrgPeerDialogues, UpcomingPeerDialogues, useOrgPeerDialogues } from "./OrgPeerDialogues";
