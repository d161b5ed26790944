import type { DraftEntry, PeerDialogue } from "./types";

/** Storage of the peer feature (Azure Tables in `storage/peer`). */
export interface PeerStore {
  put(peer: PeerDialogue): Promise<void>;
  get(tenantId: string, dialogueId: string): Promise<PeerDialogue | undefined>;
  /** Every peer dialogue of a tenant. */
  list(tenantId: string): Promise<PeerDialogue[]>;
  /** Creates drafts that do not exist yet (a retried follow-up does not duplicate them). */
  createDrafts(drafts: DraftEntry[]): Promise<DraftEntry[]>;
  getDraft(dialogueId: string, orgId: string): Promise<DraftEntry | undefined>;
  listDrafts(dialogueId: string): Promise<DraftEntry[]>;
  /** Replaces a draft if unchanged since read; false when someone decided first. */
  replaceDraft(draft: DraftEntry, etag: string): Promise<boolean>;
  lastReminded(tenantId: string, orgId: string): Promise<string | undefined>;
  markReminded(tenantId: string, orgId: string, at: string): Promise<void>;
}

/** Personal messages of the peer feature (implemented with the bot's Messenger and cards). */
export interface PeerNotifier {
  /** Sends the invitation to each organisation's contacts; `via` opens chats through a shared conversation. */
  inviteContacts(peer: PeerDialogue, via?: string): Promise<{ delivered: number; unreachable: number }>;
  /** Sends each draft to the people who may decide it; returns how many messages arrived. */
  sendDrafts(peer: PeerDialogue, drafts: { draft: DraftEntry; userIds: string[] }[]): Promise<number>;
  /**
   * Asks an organisation's people to update its listing; returns how many arrived. `since` is
   * when it was last reminded (identifies this reminder: a rerun sends nothing twice).
   */
  remindListing(
    org: { orgId: string; names: Partial<Record<"fi" | "sv" | "en", string>> & { fi: string } },
    userIds: string[],
    since?: string,
  ): Promise<number>;
}
