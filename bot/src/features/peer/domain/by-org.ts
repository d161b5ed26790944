import type { Registration } from "../../dialogues";
import type { OrganisationRegistrations, PeerDialogue } from "./types";

const norm = (s: string) => s.trim().toLocaleLowerCase("fi");

/**
 * Active registrations per participating organisation (registrants pick their organisation from
 * the dialogue's list, so names match exactly; anything else is counted under `other`).
 */
export function registrationsByOrg(
  peer: PeerDialogue,
  registrations: readonly Registration[],
): { organisations: OrganisationRegistrations[]; other: { name: string; organisation: string }[] } {
  const active = registrations.filter((r) => r.status !== "cancelled");
  const matched = new Set<Registration>();
  const organisations = peer.organisations.map((org) => {
    const mine = active.filter((r) => norm(r.organisation) === norm(org.name));
    mine.forEach((r) => matched.add(r));
    const ids = new Set(mine.map((r) => r.userId.toLowerCase()));
    return {
      orgId: org.orgId,
      name: org.name,
      ...(org.names ? { names: org.names } : {}),
      confirmed: mine.map((r) => ({ name: r.name, status: r.status as "confirmed" | "waitlisted" })),
      contactsRegistered: org.contacts.filter((c) => c.aadId && ids.has(c.aadId)).length,
    };
  });
  const other = active
    .filter((r) => !matched.has(r))
    .map((r) => ({ name: r.name, organisation: r.organisation }));
  return { organisations, other };
}
