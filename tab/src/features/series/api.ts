import type {
  Dashboard,
  Series,
  SeriesDialogueItem,
  SeriesReminderResult,
  SeriesSummary,
} from "@dialogi/contracts";
import { ApiError, api } from "../../platform/api/client";

const enc = encodeURIComponent;

export const listSeries = (signal?: AbortSignal) =>
  api<{ items: Series[]; coordinator: boolean }>("/api/series", { signal });

export const getDashboard = (id: string, signal?: AbortSignal) =>
  api<Dashboard>(`/api/series/${enc(id)}/dashboard`, { signal });

/** Coordinators get every dialogue, organisers their own. */
export const listDialogues = (id: string, signal?: AbortSignal) =>
  api<{ items: SeriesDialogueItem[] }>(`/api/series/${enc(id)}/dialogues`, { signal });

/** `requestId` identifies the click: the same id again (a retry) reminds nobody twice. */
export const remind = (id: string, dialogueIds: string[] | undefined, requestId: string) =>
  api<SeriesReminderResult>(`/api/series/${enc(id)}/reminders`, {
    method: "POST",
    body: dialogueIds ? { dialogueIds, requestId } : { requestId },
  });

/** The summary, or undefined when none is compiled (or published, for non-coordinators) yet. */
export async function getSummary(id: string, signal?: AbortSignal): Promise<SeriesSummary | undefined> {
  try {
    return (await api<{ summary: SeriesSummary }>(`/api/series/${enc(id)}/summary`, { signal })).summary;
  } catch (err) {
    if (err instanceof ApiError && (err.code === "noSummary" || err.status === 404)) return undefined;
    throw err;
  }
}

export const exportPath = (id: string) => `/api/series/${enc(id)}/export.csv`;
export const summaryPath = (id: string, ext: "docx" | "md" | "csv") =>
  `/api/series/${enc(id)}/summary.${ext}`;
