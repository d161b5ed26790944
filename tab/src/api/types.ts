/**
 * API shapes of docs/directory-api.md (the contract between the tab and the server).
 * Kept here rather than imported from bot/ so the tab builds on its own; the browser tests
 * run the tab against the real server, which catches drift.
 */

export const SECTIONS = ["done", "upcoming", "other"] as const;
export type Section = (typeof SECTIONS)[number];

export const WORK_AREAS = [
  "communication",
  "trust",
  "openActivity",
  "participation",
  "publicity",
  "understandability",
  "openData",
  "enabler",
] as const;
export type WorkArea = (typeof WORK_AREAS)[number];

export type OrgType = "ministry" | "agency" | "ely" | "other";
export type EntryStatus = "published" | "pending" | "rejected";

export interface OrgNames {
  fi: string;
  sv?: string;
  en?: string;
}

export interface Organisation {
  id: string;
  shortName: string;
  names: OrgNames;
  type: OrgType;
  contact?: string;
  listingMissing: boolean;
  requiresReview: boolean;
  entryCount: number;
  updatedAt: string;
  etag: string;
}

export interface EntryTime {
  text: string;
  year?: number;
  start?: string;
  end?: string;
}

/** The fields an author edits (the body of POST/PUT, plus `orgId` on POST). */
export interface EntryFields {
  section: Section;
  title: string;
  description: string;
  parentId?: string;
  time: EntryTime;
  places: string[];
  partners: string[];
  eventCount?: number;
  themes: string[];
  areas: WorkArea[];
  language?: string;
  link?: string;
}

export interface Entry extends EntryFields {
  id: string;
  orgId: string;
  order?: number;
  status: EntryStatus;
  moderationNote?: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | { userId: string; name: string };
  etag: string;
}

export interface Principal {
  userId: string;
  tenantId: string;
  name: string;
  email?: string;
  coordinator: boolean;
  staffOf: string[];
  dev?: boolean;
}

export interface Persona {
  id: string;
  name: string;
  description: string;
}

export interface AuthConfig {
  clientId: string;
  devSignIn: boolean;
  personas: Persona[];
}

export interface HistoryItem {
  at: string;
  by: string | { userId?: string; name?: string };
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Query of `GET /api/directory/entries`. */
export interface EntryQuery {
  q?: string;
  org?: string;
  section?: Section | "";
  tag?: string;
  area?: WorkArea | "";
  year?: string;
}

/** Field limits; mirror bot/src/domain/directory/validation/limits.ts (the server decides). */
export const LIMITS = {
  title: 200,
  description: 4000,
  timeText: 200,
  listItems: 30,
  listItem: 120,
} as const;
