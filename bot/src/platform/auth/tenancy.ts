/** Tenant ids of the Microsoft identity platform that mean "any organisation". */
const MULTI_TENANT_AUTHORITIES = new Set(["common", "organizations"]);

/**
 * The tenant of development sign-in personas (always, even when AAD_APP_TENANT_ID is set, so a
 * persona can never act in a real tenant) and of seeding when no single tenant is configured.
 * Not a GUID, so no Entra token (whose `tid` must be one) can ever carry it.
 */
export const DEV_TENANT = "dev";

/** SSO settings that decide tenancy (a subset of `config.sso`). */
export interface TenancyConfig {
  tenantId?: string;
}

/**
 * Multi-tenant when no tenant is configured or it is `common`/`organizations`: tokens of any
 * tenant are accepted and each tenant has its own directory.
 */
export function isMultiTenant(sso: TenancyConfig): boolean {
  return !sso.tenantId || MULTI_TENANT_AUTHORITIES.has(sso.tenantId.toLowerCase());
}

/**
 * Whether Microsoft Graph may look people up for a tenant: Graph reads one directory (its
 * credential's tenant, else the single configured SSO tenant), so a caller of another tenant
 * must not learn names and object ids from it. Unknown (multi-tenant, no `GRAPH_TENANT_ID`):
 * no tenant.
 */
export function graphServesTenant(
  graphTenantId: string | undefined,
  sso: TenancyConfig,
): (tenantId: string) => boolean {
  const home = graphTenantId ?? (isMultiTenant(sso) ? undefined : sso.tenantId);
  return (tenantId) => !!home && tenantId.toLowerCase() === home.toLowerCase();
}

/**
 * The tenant whose directory is seeded at start-up and used by dev sign-in and the import
 * command by default: the configured tenant, or {@link DEV_TENANT} in a multi-tenant setup
 * (import per tenant there with `--tenant`).
 */
export function homeTenant(sso: TenancyConfig): string {
  return isMultiTenant(sso) ? DEV_TENANT : sso.tenantId!.toLowerCase();
}
