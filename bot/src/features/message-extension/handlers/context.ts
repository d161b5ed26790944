import type { DialogueContext, Directory, Principal } from "./deps";
import type { Logger } from "../../../logger";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import type { TabLinks } from "./tab-links";

/** What the message extension's handlers work with. */
export interface ExtensionContext {
  directory: Directory;
  /** The dialogues feature's services and links (for its invitation card builder). */
  dc: DialogueContext;
  links: TabLinks;
  logger: Logger;
  now: () => Date;
}

/** The signed-in Teams user: AAD object id and tenant from the authenticated activity, never the payload. */
export interface ExtensionUser {
  userId: string;
  tenantId: string;
  name: string;
}

/** The user of an invoke, or undefined when Teams sent no AAD identity (then nothing is offered). */
export function extensionUser(env: TurnEnv): ExtensionUser | undefined {
  if (!env.userId || !env.tenantId) return undefined;
  return { userId: env.userId, tenantId: env.tenantId, name: env.userName ?? "" };
}

/**
 * The directory's view of the user, with the same roles the tab API applies (coordinators and
 * staff memberships by object id), so search shows what the tab would: published entries, plus
 * their own organisation's unpublished ones for staff. The directory keys tenants in lower case.
 */
export function directoryPrincipal(xc: ExtensionContext, user: ExtensionUser): Promise<Principal> {
  return xc.directory.principalFor({
    userId: user.userId,
    tenantId: user.tenantId.toLowerCase(),
    name: user.name,
  });
}
