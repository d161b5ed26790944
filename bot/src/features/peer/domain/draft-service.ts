import type { Dialogue } from "../../dialogues";
import type { Entry, Principal } from "../../directory";
import { requireStaffOf } from "./access";
import type { PeerContext } from "./context";
import { makeDrafts, type DraftTexts } from "./drafts";
import { PeerError } from "./errors";
import { organisationRecipients } from "./recipients";
import type { DraftEntry } from "./types";

/** What the person deciding a draft may change before it becomes an entry. */
export interface DraftEdits {
  title?: string;
  description?: string;
  themes?: string[];
}

/** The decisions on a draft (card verbs peer.draft.accept / .edit / .discard). */
export type DraftDecision = "accept" | "edit" | "discard";

/**
 * Closing the loop: when a peer dialogue ends, each organisation gets a draft directory entry
 * made from the summary; its staff (or a coordinator) accept, edit or discard it, and an accepted
 * or edited draft becomes an entry through the directory service (roles, validation, audit).
 */
export function createDraftService(pc: PeerContext, texts: (lang: string) => DraftTexts) {
  return {
    /**
     * Makes and sends the drafts of an ended peer dialogue. Idempotent: drafts that exist are not
     * made or sent again (the caller is an at-least-once job).
     */
    async followUp(dialogue: Dialogue): Promise<{ created: number; delivered: number }> {
      if (dialogue.type !== "peer") return { created: 0, delivered: 0 };
      const peer = await pc.store.get(dialogue.tenantId, dialogue.id);
      if (!peer) return { created: 0, delivered: 0 };
      const [summary, groups] = await Promise.all([pc.summaryOf(dialogue), pc.groupsOf(dialogue.id)]);
      const drafts = makeDrafts(peer, summary, groups, texts(peer.language));
      const created = await pc.store.createDrafts(drafts);
      if (peer.state !== "ended")
        await pc.store.put({ ...peer, state: "ended", endedAt: pc.now().toISOString() });
      const snapshot = await pc.directory.readModel.snapshot(peer.tenantId);
      const memberships = [...snapshot.memberships.values()];
      const delivered = await pc.notifier.sendDrafts(
        peer,
        created.map((draft) => ({
          draft,
          userIds: organisationRecipients(
            draft.orgId,
            memberships,
            peer.organisations.find((o) => o.orgId === draft.orgId)?.contacts ?? [],
          ),
        })),
      );
      return { created: created.length, delivered };
    },

    /** The drafts of a dialogue the caller may see (coordinators: all; staff: their organisations'). */
    async list(p: Principal, dialogueId: string): Promise<DraftEntry[]> {
      const peer = await pc.store.get(p.tenantId, dialogueId);
      if (!peer) throw new PeerError("notFound");
      const drafts = await pc.store.listDrafts(dialogueId);
      return drafts.filter((d) => p.coordinator || p.staffOf.includes(d.orgId));
    },

    /** A draft for the card that decides it (staff of the organisation or coordinators). */
    async get(p: Principal, dialogueId: string, orgId: string): Promise<DraftEntry> {
      const peer = await pc.store.get(p.tenantId, dialogueId);
      const draft = peer && (await pc.store.getDraft(dialogueId, orgId));
      if (!draft) throw new PeerError("notFound");
      requireStaffOf(p, orgId);
      return draft;
    },

    /**
     * Accepts (as drafted), edits (with the caller's changes) or discards a draft. The draft is
     * claimed first with its ETag, so two people deciding at once make one entry at most.
     */
    async decide(
      p: Principal,
      dialogueId: string,
      orgId: string,
      decision: DraftDecision,
      edits: DraftEdits = {},
    ): Promise<{ draft: DraftEntry; entry?: Entry }> {
      const peer = await pc.store.get(p.tenantId, dialogueId);
      const draft = peer && (await pc.store.getDraft(dialogueId, orgId));
      if (!peer || !draft) throw new PeerError("notFound");
      requireStaffOf(p, orgId);
      if (draft.status !== "open") throw new PeerError("decided");
      const status = decision === "accept" ? "accepted" : decision === "edit" ? "edited" : "discarded";
      const decided: DraftEntry = {
        ...draft,
        ...(decision === "edit" ? pickEdits(edits) : {}),
        status,
        decidedBy: { userId: p.userId, name: p.name },
        decidedAt: pc.now().toISOString(),
      };
      const { etag, ...claim } = decided;
      if (!(await pc.store.replaceDraft(claim, etag!))) throw new PeerError("decided");
      if (decision === "discard") return { draft: claim };
      let entry: Entry;
      try {
        entry = await pc.directory.entries.create(p, entryBody(claim, pc.dialogueLink(dialogueId)));
      } catch (err) {
        // The entry was refused (validation, role): give the draft back so it can be fixed.
        const again = await pc.store.getDraft(dialogueId, orgId);
        if (again?.etag) await pc.store.replaceDraft({ ...draft, etag: undefined }, again.etag);
        throw err;
      }
      const done = { ...claim, entryId: entry.id };
      const current = await pc.store.getDraft(dialogueId, orgId);
      if (current?.etag) await pc.store.replaceDraft(done, current.etag);
      return { draft: done, entry };
    },
  };
}

function pickEdits(edits: DraftEdits): Partial<DraftEntry> {
  const out: Partial<DraftEntry> = {};
  if (edits.title !== undefined) out.title = edits.title;
  if (edits.description !== undefined) out.description = edits.description;
  if (edits.themes !== undefined) out.themes = edits.themes;
  return out;
}

/** The directory entry of a decided draft: section "done", linked back to the dialogue. */
export function entryBody(d: DraftEntry, link: string | undefined): Record<string, unknown> {
  return {
    orgId: d.orgId,
    section: "done",
    title: d.title,
    description: d.description,
    time: { text: d.date.split("-").reverse().map(Number).join("."), start: d.date, end: d.date },
    partners: d.partners,
    themes: d.themes,
    areas: ["participation"],
    ...(link ? { link } : {}),
    dialogueId: d.dialogueId,
    method: d.method,
    participationLevel: d.level,
  };
}

/** The draft service type. */
export type DraftService = ReturnType<typeof createDraftService>;
