import type { Identity } from "../../../platform/auth/identity";
import type { Entry, Membership, Principal } from "./types";

export type { Identity };

/** Configured role sources. */
export interface RolePolicy {
  /** AAD object ids or email addresses (lowercase). */
  coordinators: readonly string[];
  coordinatorGroupId?: string;
  /** Email domain → organisation id. */
  membershipDomainRules: Readonly<Record<string, string>>;
}

/**
 * Applies the directory's roles to an identity: coordinators come from configuration (ids,
 * emails or an Entra group); staff memberships from the Memberships table (by object id or
 * email) and from email-domain rules.
 */
export function resolvePrincipal(
  identity: Identity,
  policy: RolePolicy,
  memberships: ReadonlyMap<string, Membership>,
): Principal {
  const id = identity.userId.toLowerCase();
  const email = identity.email?.toLowerCase();
  const coordinator =
    Boolean(identity.dev?.coordinator) ||
    policy.coordinators.includes(id) ||
    (email !== undefined && policy.coordinators.includes(email)) ||
    (policy.coordinatorGroupId !== undefined && (identity.groups ?? []).includes(policy.coordinatorGroupId));

  const staffOf = new Set<string>(identity.dev?.staffOf ?? []);
  for (const key of [id, email]) {
    if (key) for (const org of memberships.get(key)?.orgIds ?? []) staffOf.add(org);
  }
  const domain = email?.split("@")[1];
  const ruleOrg = domain ? policy.membershipDomainRules[domain] : undefined;
  if (ruleOrg) staffOf.add(ruleOrg);

  return {
    userId: identity.userId,
    tenantId: identity.tenantId,
    name: identity.name,
    ...(identity.email ? { email: identity.email } : {}),
    coordinator,
    staffOf: [...staffOf].sort(),
    ...(identity.dev ? { dev: true } : {}),
  };
}

/** May add and edit the organisation's entries. */
export function canEditOrg(p: Principal, orgId: string): boolean {
  return p.coordinator || p.staffOf.includes(orgId);
}

/** Published entries are public to the tenant; others only to their editors. */
export function canSeeEntry(p: Principal, entry: Entry): boolean {
  return entry.status === "published" || canEditOrg(p, entry.orgId);
}
