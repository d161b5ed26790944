import type { Config } from "../../../config";
import type { DirectoryNotifier, DirectoryStores, UserResolver } from "../domain/ports";
import { createDirectory, type Directory } from "../domain/directory";
import type { Logger } from "../../../logger";
import { createDirectoryStores } from "../store/directory-stores";
import type { TableStore } from "../../../platform/tables/table-store";
import { createAuthenticator, type Authenticator } from "../../../platform/auth/authenticator";
import { DEV_TENANT } from "../../../platform/auth/tenancy";
import { isStoreUnavailable } from "../../../platform/tables/errors";

/** What {@link registerDirectoryRoutes} needs. */
export interface DirectoryRouteDeps {
  directory: Directory;
  authenticator: Authenticator;
  logger: Logger;
  /** SSO client id the tab needs for `getAuthToken` (shown by `GET /api/auth/config`). */
  clientId?: string;
  devSignIn: boolean;
  devTokenSecret: string;
  /** Tenant of development personas: always {@link DEV_TENANT}, never a real Entra tenant. */
  devTenantId: string;
  /** Support contact the tab shows (footer, accessibility statement). */
  support: Config["support"];
  now?: () => Date;
}

/** Options of {@link createDirectoryRouteDeps}. */
export interface DirectoryDepsOptions {
  config: Pick<
    Config,
    "sso" | "devSignIn" | "devTokenSecret" | "coordinators" | "membershipDomainRules" | "support"
  >;
  store: TableStore;
  logger: Logger;
  now?: () => Date;
  /** How often a read checks the stored directory version (default 1 s; docs/directory-api.md). */
  versionCheckMs?: number;
  /** Tells access requesters the decision (built by `createDirectoryNotifier`). */
  notifier?: DirectoryNotifier;
  /** Finds object ids by e-mail (Microsoft Graph, when configured). */
  resolveUser?: UserResolver;
  /** Test seam: wraps the table-backed stores (e.g. to hold the snapshot load at a gate). */
  wrapStores?: (stores: DirectoryStores) => DirectoryStores;
}

/** Builds the directory's services and authenticator from the app configuration (composition root). */
export function createDirectoryRouteDeps(options: DirectoryDepsOptions): DirectoryRouteDeps {
  const { config, logger } = options;
  const stores = createDirectoryStores(options.store);
  const directory = createDirectory(options.wrapStores?.(stores) ?? stores, {
    policy: {
      coordinators: config.coordinators,
      membershipDomainRules: config.membershipDomainRules,
    },
    now: options.now,
    notifier: options.notifier,
    resolveUser: options.resolveUser,
    isStoreUnavailable,
    readModel: {
      versionCheckMs: options.versionCheckMs,
      onRefreshError: (err, tenantId) =>
        logger.warn("directory cache refresh failed", { tenantId, error: (err as Error)?.name }),
    },
    onAuditFailure: (err, r) =>
      logger.error("directory audit row not written", {
        orgId: r.orgId,
        entityId: r.entityId,
        action: r.action,
        error: (err as Error)?.name,
      }),
  });
  return {
    directory,
    authenticator: createAuthenticator({
      sso: config.sso,
      devSignIn: config.devSignIn,
      devTokenSecret: config.devTokenSecret,
    }),
    logger,
    clientId: config.sso.clientId,
    devSignIn: config.devSignIn,
    devTokenSecret: config.devTokenSecret,
    devTenantId: DEV_TENANT,
    support: config.support,
    now: options.now,
  };
}
