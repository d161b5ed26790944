import type { DirectoryNotifier, DirectoryStores, UserResolver } from "./ports";
import { createAdminService } from "./services/admin-service";
import { DirectoryReadModel, type ReadModelOptions } from "./read-model";
import { resolvePrincipal, type Identity, type RolePolicy } from "./roles";
import type { DirectoryContext } from "./services/context";
import { createEntryService } from "./services/entry-service";
import { createMembershipService } from "./services/membership-service";
import { createModerationService } from "./services/moderation-service";
import { createOrganisationService } from "./services/organisation-service";
import type { AuditRecord, Principal } from "./types";

/** Options of {@link createDirectory}. */
export interface DirectoryOptions {
  policy: RolePolicy;
  now?: () => Date;
  readModel?: Omit<ReadModelOptions, "now">;
  onAuditFailure?: (err: unknown, record: AuditRecord) => void;
  /** Tells requesters the decision on their access request (the bot's personal chat). */
  notifier?: DirectoryNotifier;
  /** Finds object ids by e-mail (Microsoft Graph, when configured). */
  resolveUser?: UserResolver;
}

/** The directory's services, sharing one read model. */
export interface Directory {
  readModel: DirectoryReadModel;
  organisations: ReturnType<typeof createOrganisationService>;
  entries: ReturnType<typeof createEntryService>;
  moderation: ReturnType<typeof createModerationService>;
  memberships: ReturnType<typeof createMembershipService>;
  admin: ReturnType<typeof createAdminService>;
  /** Applies the directory roles (coordinator, staff memberships) to a signed-in identity. */
  principalFor(identity: Identity): Promise<Principal>;
}

/** Builds the directory services over its stores. */
export function createDirectory(stores: DirectoryStores, options: DirectoryOptions): Directory {
  const now = options.now ?? (() => new Date());
  const readModel = new DirectoryReadModel(stores, { ...options.readModel, now: () => now().getTime() });
  const ctx: DirectoryContext = {
    stores,
    readModel,
    policy: options.policy,
    now,
    onAuditFailure: options.onAuditFailure,
  };
  const admin = createAdminService(ctx, { notifier: options.notifier, resolveUser: options.resolveUser });
  return {
    readModel,
    admin,
    organisations: createOrganisationService(ctx),
    entries: createEntryService(ctx),
    moderation: createModerationService(ctx),
    memberships: createMembershipService(ctx),
    async principalFor(identity) {
      await admin.bindPending(identity);
      const s = await readModel.snapshot(identity.tenantId);
      return resolvePrincipal(identity, options.policy, s.memberships);
    },
  };
}
