import type { Membership } from "../../directory";
import type { PeerContact } from "./types";

/** AAD object ids (not e-mail addresses, which the bot cannot message). */
const isObjectId = (id: string) => !id.includes("@");

/**
 * Who speaks for an organisation personally: its staff (directory memberships of the org), or —
 * when it has none the bot can reach — its contacts in peer dialogues.
 */
export function organisationRecipients(
  orgId: string,
  memberships: Iterable<Membership>,
  contacts: readonly PeerContact[],
): string[] {
  const staff = [...memberships]
    .filter((m) => m.orgIds.includes(orgId) && isObjectId(m.userId))
    .map((m) => m.userId.toLowerCase());
  if (staff.length > 0) return [...new Set(staff)];
  return [...new Set(contacts.map((c) => c.aadId).filter((id): id is string => !!id))];
}
