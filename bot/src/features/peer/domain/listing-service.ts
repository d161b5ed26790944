import type { Principal } from "../../directory";
import { requireCoordinator } from "./access";
import type { PeerContext } from "./context";
import { PeerError } from "./errors";
import { DEFAULT_STALE_DAYS, listingHealth } from "./listing-health";
import { organisationRecipients } from "./recipients";
import type { ListingHealth, PeerContact } from "./types";

/** A second reminder to the same organisation within this time is refused (one click, not spam). */
export const REMINDER_INTERVAL_MS = 24 * 3600_000;

/**
 * Directory upkeep for coordinators: organisations whose listing is missing or stale, and a
 * one-click reminder to their staff (or, without staff, their peer-dialogue contacts).
 */
export function createListingService(pc: PeerContext, defaultStaleDays = DEFAULT_STALE_DAYS) {
  /** Contacts an organisation has been given in any peer dialogue. */
  async function contactsOf(tenantId: string, orgId: string): Promise<PeerContact[]> {
    const peers = await pc.store.list(tenantId);
    return peers.flatMap((p) => p.organisations.filter((o) => o.orgId === orgId).flatMap((o) => o.contacts));
  }

  async function recipients(tenantId: string, orgId: string): Promise<string[]> {
    const snapshot = await pc.directory.readModel.snapshot(tenantId);
    return organisationRecipients(orgId, snapshot.memberships.values(), await contactsOf(tenantId, orgId));
  }

  return {
    async health(p: Principal, staleDays = defaultStaleDays): Promise<ListingHealth[]> {
      requireCoordinator(p);
      const snapshot = await pc.directory.readModel.snapshot(p.tenantId);
      const flagged = listingHealth(
        [...snapshot.orgs.values()],
        [...snapshot.entries.values()],
        pc.now(),
        staleDays,
      );
      return Promise.all(
        flagged.map(async ({ org, reason, lastUpdated, needsUpdate }) => {
          const lastRemindedAt = await pc.store.lastReminded(p.tenantId, org.id);
          return {
            orgId: org.id,
            name: org.names.fi,
            names: org.names,
            reason,
            ...(needsUpdate ? { needsUpdate } : {}),
            ...(lastUpdated ? { lastUpdated } : {}),
            ...(lastRemindedAt ? { lastRemindedAt } : {}),
            reachable: (await recipients(p.tenantId, org.id)).length,
          };
        }),
      );
    },

    /** Sends the reminder; refused within a day of the previous one. */
    async remind(p: Principal, orgId: string): Promise<{ delivered: number; recipients: number }> {
      requireCoordinator(p);
      const snapshot = await pc.directory.readModel.snapshot(p.tenantId);
      const org = snapshot.orgs.get(orgId);
      if (!org) throw new PeerError("notFound");
      const last = await pc.store.lastReminded(p.tenantId, orgId);
      if (last && pc.now().getTime() - new Date(last).getTime() < REMINDER_INTERVAL_MS)
        throw new PeerError("tooSoon");
      const userIds = await recipients(p.tenantId, orgId);
      const delivered = await pc.notifier.remindListing({ orgId, names: org.names }, userIds, last);
      await pc.store.markReminded(p.tenantId, orgId, pc.now().toISOString());
      return { delivered, recipients: userIds.length };
    },
  };
}

/** The listing service type. */
export type ListingService = ReturnType<typeof createListingService>;
