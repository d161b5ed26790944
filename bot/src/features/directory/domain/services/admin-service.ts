import type { DirectoryContext } from "./context";
import { createAccessRequestService } from "./admin/access-requests";
import { createGrantService } from "./admin/grants";
import { createMergeService } from "./admin/merge";
import { createAdminBase, type AdminOptions } from "./admin/shared";

export { MAX_OPEN_REQUESTS } from "./admin/access-requests";
export { membershipView, PENDING_PREFIX, REQUEST_AUDIT_ORG, type AdminOptions } from "./admin/shared";

/**
 * Coordinators' directory administration: grants and revocations (admin/grants.ts), the
 * access-request queue (admin/access-requests.ts) and merging organisations (admin/merge.ts),
 * over the membership writes they share (admin/shared.ts).
 */
export function createAdminService(ctx: DirectoryContext, options: AdminOptions = {}) {
  const base = createAdminBase(ctx);
  return {
    ...createGrantService(ctx, base, options),
    ...createAccessRequestService(ctx, base, options),
    ...createMergeService(ctx, base),
  };
}

/** The administration service's interface. */
export type AdminService = ReturnType<typeof createAdminService>;
