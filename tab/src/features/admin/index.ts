/**
 * Directory administration (coordinators: `#/admin`) and the access request staff send from the
 * editor and the organisation page. The view is loaded lazily by App.tsx.
 */
export { RequestAccess } from "./RequestAccess";
