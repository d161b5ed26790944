import type { Identity } from "../../../platform/auth/identity";
import type { Entry, Membership, Principal } from "./types";

export type { Identity };

/** The Entra app role that makes a user a network coordinator (infra/aad.manifest.json). */
export const COORDINATOR_ROLE = "Dialogi.Coordinator";

/** Configured role sources. */
export interface RolePolicy {
  /** Entra object ids (lowercase). */
  coordinators: readonly string[];
  /** Verified UPN domain or tenant id → organisation id. */
  membershipDomainRules: Readonly<Record<string, string>>;
}

/**
 * Applies the directory's roles to an identity, using only claims Entra ID does not let users
 * change: coordinators by object id (`COORDINATORS`) or the app role {@link COORDINATOR_ROLE};
 * staff memberships from the Memberships table by object id; domain rules only for proven
 * members of the tenant (never guests), by tenant id or verified UPN domain.
 */
export function resolvePrincipal(
  identity: Identity,
  policy: RolePolicy,
  memberships: ReadonlyMap<string, Membership>,
): Principal {
  const id = identity.userId.toLowerCase();
  const coordinator =
    Boolean(identity.dev?.coordinator) ||
    policy.coordinators.includes(id) ||
    (identity.roles ?? []).includes(COORDINATOR_ROLE);

  const staffOf = new Set<string>(identity.dev?.staffOf ?? []);
  for (const org of memberships.get(id)?.orgIds ?? []) staffOf.add(org);
  if (identity.member) {
    const rules = policy.membershipDomainRules;
    const byTenant = rules[identity.tenantId.toLowerCase()];
    const byDomain = identity.member.upnDomain ? rules[identity.member.upnDomain] : undefined;
    for (const org of [byTenant, byDomain]) if (org) staffOf.add(org);
  }

  return {
    userId: identity.userId,
    tenantId: identity.tenantId,
    name: identity.name,
    // Shown to coordinators (access requests): only an address the tenant vouches for — a
    // member's upn, or a dev persona's — never `preferred_username`/`email`, which a user or a
    // guest's home tenant may set to anyone's address.
    ...(verifiedEmail(identity) ? { email: verifiedEmail(identity) } : {}),
    coordinator,
    staffOf: [...staffOf].sort(),
    ...(identity.dev ? { dev: true } : {}),
  };
}

function verifiedEmail(identity: Identity): string | undefined {
  return identity.member?.upn ?? (identity.dev ? identity.email : undefined);
}

/** May add and edit the organisation's entries. */
export function canEditOrg(p: Principal, orgId: string): boolean {
  return p.coordinator || p.staffOf.includes(orgId);
}

/** Published entries are public to the tenant; others only to their editors. */
export function canSeeEntry(p: Principal, entry: Entry): boolean {
  return entry.status === "published" || canEditOrg(p, entry.orgId);
}
