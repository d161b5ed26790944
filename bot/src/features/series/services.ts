import type { SeriesNotifier } from "./domain/ports";
import type { ParticipationService } from "./domain/participation-service";
import type { RegularOrganiserService } from "./domain/regular-organiser-service";
import type { SeriesService } from "./domain/series-service";
import type { SeriesSummaryService } from "./domain/summary-service";

/** The series services the REST routes and the bot share. */
export interface SeriesServices {
  series: SeriesService;
  participation: ParticipationService;
  organisers: RegularOrganiserService;
  summaries: SeriesSummaryService;
  /** Absent when the app runs without proactive messaging: sends are then reported as skipped. */
  notifier?: SeriesNotifier;
}
