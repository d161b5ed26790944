import type { Env } from "./env-schema";
import { ConfigError } from "./errors";
import { graphConfig } from "./graph";

/** The bot's coordinator look-up through Graph: the role's app and the role's id. */
export interface CoordinatorRoleConfig {
  resourceId: string;
  appRoleId: string;
}

/**
 * Who counts as a network coordinator: Entra object ids (never e-mail addresses, which can be
 * changed) and optionally the app role read through Graph. The retired group setting stops start-up.
 */
export function coordinatorsConfig(e: Env): {
  coordinators: string[];
  coordinatorRole: CoordinatorRoleConfig | undefined;
} {
  if (e.COORDINATOR_GROUP_ID) {
    throw new ConfigError(
      "COORDINATOR_GROUP_ID: no longer supported (tokens carry no groups claim); assign the group to the app role Dialogi.Coordinator in Entra ID instead",
    );
  }
  const emails = e.COORDINATORS.filter((c) => c.includes("@"));
  if (emails.length) {
    throw new ConfigError(
      "COORDINATORS: e-mail addresses are not accepted (they can be changed and must not grant rights); list Entra object ids or assign the app role Dialogi.Coordinator",
    );
  }
  return {
    coordinators: e.COORDINATORS.map((c) => c.toLowerCase()),
    coordinatorRole: coordinatorRoleConfig(e),
  };
}

/** The id of the app role `Dialogi.Coordinator` in `infra/aad.manifest.json`. */
const COORDINATOR_APP_ROLE_ID = "3f6b2c1e-8d4a-4e5b-9c7f-1a2b3c4d5e6f";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The bot's coordinator look-up through Graph: object ids only (a GUID, checked), and only with
 * Graph configured — a set id without Graph would silently grant nothing, so it fails start-up.
 */
function coordinatorRoleConfig(e: Env): CoordinatorRoleConfig | undefined {
  const resourceId = e.COORDINATOR_ROLE_RESOURCE_ID;
  if (!resourceId) {
    if (e.COORDINATOR_APP_ROLE_ID)
      throw new ConfigError(
        "COORDINATOR_APP_ROLE_ID: only used with COORDINATOR_ROLE_RESOURCE_ID; set both or neither",
      );
    return undefined;
  }
  const appRoleId = e.COORDINATOR_APP_ROLE_ID ?? COORDINATOR_APP_ROLE_ID;
  for (const [name, value] of [
    ["COORDINATOR_ROLE_RESOURCE_ID", resourceId],
    ["COORDINATOR_APP_ROLE_ID", appRoleId],
  ] as const) {
    if (!GUID.test(value))
      throw new ConfigError(
        `${name}: must be an object id (a GUID), e.g. the service principal's Object ID in Entra ID → Enterprise applications`,
      );
  }
  if (!graphConfig(e, false))
    throw new ConfigError(
      "COORDINATOR_ROLE_RESOURCE_ID: needs Microsoft Graph (GRAPH_CREDENTIAL or its variables) to read app role assignments",
    );
  return { resourceId: resourceId.toLowerCase(), appRoleId: appRoleId.toLowerCase() };
}

/** `MEMBERSHIP_DOMAIN_RULES`: comma-separated `domain=orgId` pairs, lower-cased. */
export function parseDomainRules(raw: string | undefined): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const pair of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [domain, org] = pair.split("=").map((s) => s.trim().toLowerCase());
    if (!domain || !org) throw new ConfigError(`MEMBERSHIP_DOMAIN_RULES: "${pair}" is not domain=orgId`);
    rules[domain] = org;
  }
  return rules;
}
