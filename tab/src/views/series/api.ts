import { ApiError, api, requestHeaders } from "../../api/client";
import { i18next } from "../../i18n";

const enc = encodeURIComponent;

/** A national dialogue series (docs/series-api.md `Series`, the fields the tab shows). */
export interface Series {
  id: string;
  theme: string;
  question: string;
  periodStart: string;
  periodEnd: string;
  registrationDeadline: string;
  recordsDeadline: string;
  languages: string[];
  announcedAt?: string;
  etag: string;
}

/** A dialogue registered under a series (`SeriesDialogue`). */
export interface SeriesDialogue {
  id: string;
  seriesId: string;
  kind: "bot" | "reported";
  title: string;
  organisation: string;
  date: string;
  mode: "remote" | "inPerson" | "hybrid";
  language: string;
  targetGroup: string;
  expectedParticipants: number;
  region: string;
  owner: { aadId: string; name: string };
  registeredAt: string;
  remindedAt?: string;
  reminderCount: number;
  /** Number of records received. */
  records: number;
}

/** A dashboard row: a registered dialogue with the state of its records. */
export interface DashboardRow extends SeriesDialogue {
  participantsOnSite: number;
  participantsRemote: number;
  lastRecordAt?: string;
}

export interface Count {
  key: string;
  count: number;
}

export interface SeriesStatistics {
  registeredDialogues: number;
  dialogues: number;
  recordsMissing: number;
  participants: number;
  participantsOnSite: number;
  participantsRemote: number;
  organisers: number;
  expectedParticipants: number;
  languages: Count[];
  regions: Count[];
  modes: Count[];
  reachedSeldomHeard: number;
}

export interface Dashboard {
  series: Series;
  rows: DashboardRow[];
  statistics: SeriesStatistics;
}

/** The compiled summary (`SeriesSummary`); organisations only, never participants. */
export interface SeriesSummary {
  seriesId: string;
  theme: string;
  statistics: SeriesStatistics;
  themes: { theme: string; count: number; quotes: string[]; insights: { text: string; count: number }[] }[];
  organisations: string[];
  individualOrganisers: number;
  analysis: string;
  compiledAt: string;
  publishedAt?: string;
  published: boolean;
}

export const listSeries = (signal?: AbortSignal) =>
  api<{ items: Series[]; coordinator: boolean }>("/api/series", { signal });

export const getDashboard = (id: string, signal?: AbortSignal) =>
  api<Dashboard>(`/api/series/${enc(id)}/dashboard`, { signal });

/** Coordinators get every dialogue, organisers their own. */
export const listDialogues = (id: string, signal?: AbortSignal) =>
  api<{ items: SeriesDialogue[] }>(`/api/series/${enc(id)}/dialogues`, { signal });

export const remind = (id: string, dialogueIds?: string[]) =>
  api<{ reminded: string[]; sent: number; skipped: number }>(`/api/series/${enc(id)}/reminders`, {
    method: "POST",
    body: dialogueIds ? { dialogueIds } : {},
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

/**
 * Downloads a file the API serves behind the bearer token (a plain link cannot carry it): fetches
 * it and saves it under the server's file name.
 */
export async function download(path: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(path, { headers: await requestHeaders(), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", i18next.t("errors.network"));
  }
  if (!res.ok) {
    let message = "";
    try {
      message = ((await res.json()) as { message?: string }).message ?? "";
    } catch {
      /* not JSON */
    }
    throw new ApiError(
      res.status,
      String(res.status),
      message || i18next.t(`errors.status.${res.status}`, { defaultValue: i18next.t("errors.generic") }),
    );
  }
  const name =
    /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ??
    path.split("/").pop() ??
    "download";
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
