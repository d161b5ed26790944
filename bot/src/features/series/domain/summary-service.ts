import type { SeriesActor } from "./access";
import type { Masker } from "./anonymise";
import { SeriesError } from "./errors";
import { FieldReader } from "./input";
import { SERIES_LIMITS } from "./limits";
import type { SeriesStore } from "./ports";
import type { RegularOrganiserService } from "./regular-organiser-service";
import { requireCoordinator, type SeriesService } from "./series-service";
import { compileSummary, type SeriesSummary } from "./summary";
import type { Subscriber } from "./types";

/** Dependencies of {@link createSeriesSummaryService}. */
export interface SeriesSummaryServiceDeps {
  store: SeriesStore;
  series: SeriesService;
  organisers: RegularOrganiserService;
  mask: Masker;
  now: () => Date;
}

/**
 * Compiling (coordinators), reading (coordinators always; everyone once published), publishing
 * and subscribing to the series summary.
 */
export function createSeriesSummaryService(deps: SeriesSummaryServiceDeps) {
  const { store, now } = deps;

  return {
    /** Compiles (or recompiles) the draft from every record; keeps the publication date. */
    async compile(
      actor: SeriesActor,
      seriesId: string,
      raw: Record<string, unknown>,
    ): Promise<SeriesSummary> {
      requireCoordinator(actor);
      const r = new FieldReader(raw);
      const analysis = r.text("analysis", SERIES_LIMITS.analysis);
      if (r.errors.length) throw new SeriesError("invalid", r.errors);
      const series = await deps.series.get(actor, seriesId);
      const [{ dialogues, records }, previous, individualNames] = await Promise.all([
        store.loadContent(series.id),
        store.getSummary(series.id),
        deps.organisers.individualNames(series.tenantId),
      ]);
      const summary = compileSummary({
        series,
        dialogues,
        records,
        analysis: analysis || previous?.analysis || "",
        individualNames,
        mask: deps.mask,
        now: now(),
        previousVersion: previous?.version,
      });
      if (previous?.publishedAt) summary.publishedAt = previous.publishedAt;
      await store.saveSummary(summary);
      return summary;
    },

    /** The summary: coordinators see drafts; others only a published one ("noSummary" otherwise). */
    async get(actor: SeriesActor, seriesId: string): Promise<SeriesSummary> {
      const series = await deps.series.get(actor, seriesId);
      const summary = await store.getSummary(series.id);
      if (!summary || (!summary.publishedAt && !actor.coordinator)) throw new SeriesError("noSummary");
      return summary;
    },

    /** Marks the summary published; returns it with the subscribers to notify. */
    async publish(
      actor: SeriesActor,
      seriesId: string,
    ): Promise<{ summary: SeriesSummary; subscribers: Subscriber[] }> {
      requireCoordinator(actor);
      const series = await deps.series.get(actor, seriesId);
      const summary = await store.getSummary(series.id);
      if (!summary) throw new SeriesError("noSummary");
      const published = { ...summary, publishedAt: now() };
      await store.saveSummary(published);
      return { summary: published, subscribers: await store.listSubscribers(series.id) };
    },

    /** Subscribes the actor to the series summary (idempotent). */
    async subscribe(actor: SeriesActor, seriesId: string): Promise<Subscriber> {
      const series = await deps.series.get(actor, seriesId);
      const sub: Subscriber = {
        seriesId: series.id,
        aadId: actor.userId,
        name: actor.name,
        lang: actor.lang,
        subscribedAt: now(),
      };
      await store.saveSubscriber(sub);
      return sub;
    },
  };
}

/** The service type. */
export type SeriesSummaryService = ReturnType<typeof createSeriesSummaryService>;
