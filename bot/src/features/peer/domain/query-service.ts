import type { Principal } from "../../directory";
import { requireCoordinator } from "./access";
import { registrationsByOrg } from "./by-org";
import { calendarItems, type CalendarFilter } from "./calendar";
import type { PeerContext } from "./context";
import { PeerError } from "./errors";
import type { CalendarItem, OrganisationRegistrations, PeerDialogue } from "./types";

/** Where the tab reads an ended dialogue's summary (authenticated API route). */
export const summaryPath = (dialogueId: string) => `/api/peer/${encodeURIComponent(dialogueId)}/summary`;

/** Read models of peer dialogues: calendar, an organisation's dialogues, registrations per organisation. */
export function createQueryService(pc: PeerContext) {
  /** The peer record with its dialogue's current state (cancelled dialogues drop out of the calendar). */
  async function current(peer: PeerDialogue): Promise<PeerDialogue> {
    const d = await pc.dialogues.load(peer.dialogueId);
    if (!d) return peer;
    return {
      ...peer,
      theme: d.title,
      start: d.start.toISOString(),
      end: d.end.toISOString(),
      state: d.state === "cancelled" ? "cancelled" : peer.state,
    };
  }

  /** The directory's current names per language (renamed organisations, records older than names). */
  async function named(peer: PeerDialogue): Promise<PeerDialogue> {
    const snapshot = await pc.directory.readModel.snapshot(peer.tenantId);
    return {
      ...peer,
      organisations: peer.organisations.map((o) => {
        const names = snapshot.orgs.get(o.orgId)?.names;
        return names ? { ...o, names: { fi: names.fi, sv: names.sv, en: names.en } } : o;
      }),
    };
  }

  async function all(tenantId: string): Promise<PeerDialogue[]> {
    return Promise.all((await pc.store.list(tenantId)).map(async (p) => named(await current(p))));
  }

  return {
    /** Past and upcoming peer dialogues of the caller's tenant, filtered by organisation and theme. */
    async calendar(p: Principal, filter: CalendarFilter): Promise<CalendarItem[]> {
      return calendarItems(await all(p.tenantId), pc.now(), filter, summaryPath);
    },

    /** The peer dialogues an organisation took part in (for the directory's organisation view). */
    async ofOrganisation(p: Principal, orgId: string): Promise<CalendarItem[]> {
      const snapshot = await pc.directory.readModel.snapshot(p.tenantId);
      if (!snapshot.orgs.has(orgId)) throw new PeerError("notFound");
      return calendarItems(await all(p.tenantId), pc.now(), { org: orgId }, summaryPath);
    },

    /** Who registered, per participating organisation (coordinators). */
    async registrations(
      p: Principal,
      dialogueId: string,
    ): Promise<{
      peer: PeerDialogue;
      organisations: OrganisationRegistrations[];
      other: { name: string; organisation: string }[];
    }> {
      requireCoordinator(p);
      const peer = await pc.store.get(p.tenantId, dialogueId);
      if (!peer) throw new PeerError("notFound");
      const regs = await pc.registrations.active(dialogueId);
      const live = await named(await current(peer));
      return { peer: live, ...registrationsByOrg(live, regs) };
    },

    /** The peer record of a dialogue of the caller's tenant. */
    async get(p: Principal, dialogueId: string): Promise<PeerDialogue> {
      const peer = await pc.store.get(p.tenantId, dialogueId);
      if (!peer) throw new PeerError("notFound");
      return named(await current(peer));
    },
  };
}

/** The query service type. */
export type QueryService = ReturnType<typeof createQueryService>;
