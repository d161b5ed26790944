import type { DirectoryNotifier, DirectoryStores, UserResolver } from "./ports";
import { createAdminService } from "./services/admin-service";
import { DirectoryReadModel, type ReadModelOptions } from "./read-model";
import { resolvePrincipal, type Identity, type RolePolicy } from "./roles";
import type { DirectoryContext } from "./services/context";
import { createEntryService } from "./services/entry-service";
import { createMembershipService } from "./services/membership-service";
import { createModerationService } from "./services/moderation-service";
import { createOrganisationService } from "./services/organisation-service";
import { withVersionBumps } from "./versioned-stores";
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
  /** Tells "the store is down" from other errors (rights then fall back to the snapshot for reads). */
  isStoreUnavailable?: (err: unknown) => boolean;
}

/** The directory's services, sharing one read model. */
export interface Directory {
  readModel: DirectoryReadModel;
  organisations: ReturnType<typeof createOrganisationService>;
  entries: ReturnType<typeof createEntryService>;
  moderation: ReturnType<typeof createModerationService>;
  memberships: ReturnType<typeof createMembershipService>;
  admin: ReturnType<typeof createAdminService>;
  /**
   * Applies the directory roles (coordinator, staff memberships) to a signed-in identity. With
   * `current` (the default; every write) the memberships are read from the store; without it
   * (safe methods: GET, HEAD) from the snapshot, which is at most a version check (1 s) old.
   */
  principalFor(identity: Identity, options?: { current?: boolean }): Promise<Principal>;
}

/** Builds the directory services over its stores. */
export function createDirectory(stores: DirectoryStores, options: DirectoryOptions): Directory {
  const now = options.now ?? (() => new Date());
  // Every write bumps the stored version; this instance's own bumps advance its snapshot.
  const versioned = withVersionBumps(stores, (tenantId, from, to) => readModel.advance(tenantId, from, to));
  const readModel = new DirectoryReadModel(versioned, { ...options.readModel, now: () => now().getTime() });
  const ctx: DirectoryContext = {
    stores: versioned,
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
    async principalFor(identity, { current = true } = {}) {
      const fromSnapshot = async () => {
        await admin.bindPending(identity, false);
        const s = await readModel.snapshot(identity.tenantId);
        return resolvePrincipal(identity, options.policy, s.memberships);
      };
      if (!current) return fromSnapshot();
      // A write's rights come from the person's stored membership row (one point read), not
      // from the snapshot: staff removed on one instance are refused on every instance at once.
      const own = () => versioned.memberships.get(identity.tenantId, identity.userId);
      try {
        const [bound, read] = await Promise.all([admin.bindPending(identity, true), own()]);
        const row = bound ? await own() : read;
        const memberships = new Map(row ? [[identity.userId.toLowerCase(), row.membership]] : []);
        return resolvePrincipal(identity, options.policy, memberships);
      } catch (err) {
        // Store down: the snapshot's memberships. Every write needs the store and fails with
        // 503 meanwhile, so no write passes on such rights.
        if (!options.isStoreUnavailable?.(err)) throw err;
        return fromSnapshot();
      }
    },
  };
}
