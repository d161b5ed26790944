import type { DialogueLanguage } from "../../dialogues";
import type { Iap2Level, MethodId } from "../../dialogues";

/**
 * Peer dialogues (vertaisdialogi): dialogues between directory organisations scheduled by the
 * network's coordinators, whose outcomes flow back into the directory as draft entries.
 */

/** A contact person of an organisation: reachable personally by AAD object id (e-mail is shown only). */
export interface PeerContact {
  name: string;
  aadId?: string;
  email?: string;
}

/** A participating organisation with its contact. */
export interface PeerOrganisation {
  orgId: string;
  /** Name at scheduling time (Finnish, as the directory's required name). */
  name: string;
  /** The directory's names per language (display only; registrants match on `name`). */
  names?: OrgNamesByLanguage;
  contacts: PeerContact[];
}

/** An organisation's names: Finnish always, Swedish and English when the directory knows them. */
export interface OrgNamesByLanguage {
  fi: string;
  sv?: string;
  en?: string;
}

/** An organisation's name in `lang`, falling back to Finnish (the directory's required name). */
export function orgDisplayName(org: { name: string; names?: OrgNamesByLanguage }, lang: string): string {
  const names = org.names as Record<string, string | undefined> | undefined;
  return names?.[lang] || names?.fi || org.name;
}

/** The peer side of a dialogue (the dialogue itself lives in the Dialogues table). */
export interface PeerDialogue {
  dialogueId: string;
  tenantId: string;
  theme: string;
  start: string;
  end: string;
  organisations: PeerOrganisation[];
  method: MethodId;
  level: Iap2Level;
  /** Content language of the dialogue (its first language). */
  language: DialogueLanguage;
  createdBy: { userId: string; name: string };
  createdAt: string;
  /** Conversation the invitation was posted in (opens personal chats with its members). */
  postedIn?: string;
  state: "scheduled" | "cancelled" | "ended";
  endedAt?: string;
}

/** What happened to a draft entry. */
export type DraftStatus = "open" | "accepted" | "edited" | "discarded";

/** A directory entry proposed to one organisation from a peer dialogue's summary. */
export interface DraftEntry {
  dialogueId: string;
  orgId: string;
  title: string;
  description: string;
  themes: string[];
  /** Insights from groups the organisation's people talked in ("tagged with the organisation"). */
  insights: string[];
  partners: string[];
  /** ISO date of the dialogue. */
  date: string;
  method: MethodId;
  level: Iap2Level;
  status: DraftStatus;
  /** The directory entry made from it. */
  entryId?: string;
  decidedBy?: { userId: string; name: string };
  decidedAt?: string;
  etag?: string;
}

/** Registrants of a peer dialogue per organisation (coordinators' view). */
export interface OrganisationRegistrations {
  orgId: string;
  name: string;
  names?: OrgNamesByLanguage;
  confirmed: { name: string; status: "confirmed" | "waitlisted" }[];
  /** How many of the contacts registered (guides a reminder). */
  contactsRegistered: number;
}

/** Why an organisation is highlighted to coordinators. */
export interface ListingHealth {
  orgId: string;
  name: string;
  reason: "listingMissing" | "needsUpdate" | "stale";
  /** Upcoming entries whose time has passed (reason `needsUpdate`). */
  needsUpdate?: number;
  /** Last update of any of its entries (ISO), when it has entries. */
  lastUpdated?: string;
  lastRemindedAt?: string;
  /** Staff and contacts the reminder would reach personally. */
  reachable: number;
}

/** One row of the calendar. */
export interface CalendarItem {
  dialogueId: string;
  theme: string;
  start: string;
  end: string;
  type: "peer" | "standard";
  organisations: { orgId: string; name: string; names?: OrgNamesByLanguage }[];
  method: MethodId;
  level: Iap2Level;
  state: PeerDialogue["state"];
  upcoming: boolean;
  /** Where the summary can be read once the dialogue ended (tab or API route). */
  summaryUrl?: string;
}
