import { isMultiTenant } from "../platform/auth/tenancy";
import type { Env } from "./env-schema";

/**
 * Who may open a dialogue to the public (#26.1): users of these tenants (lower-case ids), or
 * `"any"`. The public page sends mail from the app's mailbox (`MAIL_SENDER`) on the dialogue's
 * behalf, so only the organisation that owns that mailbox — the home tenant — answers for what
 * it sends; in a multi-tenant registration anyone in any tenant can talk to the bot, and none of
 * them may send from it.
 */
export type PublicOpeners = readonly string[] | "any";

/**
 * `PUBLIC_REGISTRATION_TENANTS` (tenant ids) when set; else the home tenant: the single SSO
 * tenant or Graph's tenant (the mailbox's). Local mode without either: any tenant (a developer
 * machine, mail only to the disk outbox). Otherwise nobody: the form does not offer "public".
 */
export function publicOpenersConfig(e: Env, localMode: boolean): PublicOpeners {
  if (e.PUBLIC_REGISTRATION_TENANTS.length > 0)
    return e.PUBLIC_REGISTRATION_TENANTS.map((t) => t.toLowerCase());
  const sso = e.AAD_APP_TENANT_ID;
  const home = sso && !isMultiTenant({ tenantId: sso }) ? sso : e.GRAPH_TENANT_ID;
  if (home) return [home.toLowerCase()];
  return localMode ? "any" : [];
}

/** Whether a user of `tenantId` may open a dialogue to the public under `openers`. */
export function mayOpenPublic(openers: PublicOpeners, tenantId: string | undefined): boolean {
  if (openers === "any") return true;
  return !!tenantId && openers.includes(tenantId.toLowerCase());
}
