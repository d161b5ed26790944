import type { Entry, ModerationItem } from "@dialogi/contracts";
import { api } from "../../platform/api/client";

const enc = encodeURIComponent;

export const listPending = () => api<{ items: ModerationItem[] }>("/api/directory/moderation");

export const moderate = (entry: Entry, verdict: "approve" | "reject", reason?: string) =>
  api<{ entry: Entry }>(`/api/directory/entries/${enc(entry.orgId)}/${enc(entry.id)}/${verdict}`, {
    method: "POST",
    body: reason ? { reason } : {},
    etag: entry.etag,
  });
