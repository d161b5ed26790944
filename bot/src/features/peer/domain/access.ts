import type { Principal } from "../../directory";
import { PeerError } from "./errors";

/** Scheduling, per-organisation registrations and listing reminders are for coordinators. */
export function requireCoordinator(p: Principal): void {
  if (!p.coordinator) throw new PeerError("notCoordinator");
}

/** A draft entry is decided by the organisation's staff or a coordinator. */
export function requireStaffOf(p: Principal, orgId: string): void {
  if (!p.coordinator && !p.staffOf.includes(orgId)) throw new PeerError("notStaff");
}
