import type { DialogueService } from "../../dialogues";
import type { RegistrationService } from "../../dialogues";
import type { Dialogue } from "../../dialogues";
import type { Directory } from "../../directory";
import type { Summary } from "../../rounds";
import type { GroupOrganisations } from "./drafts";
import type { PeerNotifier, PeerStore } from "./ports";

/** What the peer services work with (built once by `features/peer.ts`). */
export interface PeerContext {
  dialogues: DialogueService;
  registrations: RegistrationService;
  directory: Directory;
  store: PeerStore;
  notifier: PeerNotifier;
  /** The summary of an ended dialogue (rounds feature). */
  summaryOf(dialogue: Dialogue): Promise<Summary>;
  /** Organisations of each breakout group's members (rounds feature). */
  groupsOf(dialogueId: string): Promise<GroupOrganisations[]>;
  /** A link back to the dialogue for directory entries (tab calendar); undefined without a public URL. */
  dialogueLink(dialogueId: string): string | undefined;
  now: () => Date;
}
