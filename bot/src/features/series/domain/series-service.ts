import type { SeriesActor } from "./access";
import { beforeDeadline } from "./deadlines";
import { SeriesConflictError, SeriesError } from "./errors";
import { validateSeriesDetails } from "./forms";
import { CARD_ID_ATTEMPTS, idForCard } from "./card-ids";
import type { SeriesStore } from "./ports";
import type { Series } from "./types";

/** Dependencies of {@link createSeriesService}. */
export interface SeriesServiceDeps {
  store: SeriesStore;
  now: () => Date;
  newId: () => string;
}

/** An announcement's request id, what it asks besides announcing, and whom it reaches. */
export interface AnnounceRequest {
  requestId: string;
  /** The conversation it also posts into ("" for none): the same id must ask the same. */
  fingerprint: string;
  /** The contacts' AAD ids it reaches. */
  targets: readonly string[];
}

/** Throws unless the actor is a coordinator. */
export function requireCoordinator(actor: SeriesActor): void {
  if (!actor.coordinator) throw new SeriesError("notCoordinator");
}

/** Coordinators' use cases on the series itself: create, edit (version-checked), read, list. */
export function createSeriesService(deps: SeriesServiceDeps) {
  const { store, now } = deps;

  /** Reads a series of the actor's tenant; another tenant's series is "not found". */
  async function get(actor: Pick<SeriesActor, "tenantId">, id: string): Promise<Series> {
    const s = typeof id === "string" && id.length <= 64 ? await store.getSeries(id) : undefined;
    if (!s || s.tenantId !== actor.tenantId) throw new SeriesError("notFound");
    return s;
  }

  async function save(next: Series, expectedVersion: number): Promise<Series> {
    try {
      await store.updateSeries(next, expectedVersion);
    } catch (err) {
      if (err instanceof SeriesConflictError)
        throw new SeriesError("stale", [], await store.getSeries(next.id));
      throw err;
    }
    return next;
  }

  async function createOnce(
    actor: SeriesActor,
    raw: Record<string, unknown>,
    nonce?: string,
  ): Promise<{ series: Series; created: boolean }> {
    requireCoordinator(actor);
    const details = validateSeriesDetails(raw);
    for (let attempt = 0; attempt < CARD_ID_ATTEMPTS; attempt++) {
      const at = now();
      const series: Series = {
        ...details,
        id: nonce ? idForCard("s", [actor.tenantId, actor.userId], nonce, attempt) : deps.newId(),
        tenantId: actor.tenantId,
        version: 1,
        createdBy: { aadId: actor.userId, name: actor.name },
        createdAt: at,
        updatedAt: at,
      };
      try {
        await store.createSeries(series);
        return { series, created: true };
      } catch (err) {
        if (!(err instanceof SeriesConflictError) || !nonce) throw err;
        const found = await store.getSeries(series.id);
        if (found && found.tenantId === actor.tenantId && found.createdBy.aadId === actor.userId)
          return { series: found, created: false };
      }
    }
    throw new SeriesError("stale");
  }

  return {
    get,

    /** Open and past series of the tenant, newest period first. */
    async list(actor: SeriesActor): Promise<Series[]> {
      const all = await store.listSeries(actor.tenantId);
      return all.sort(
        (a, b) => b.periodStart.localeCompare(a.periodStart) || b.createdAt.getTime() - a.createdAt.getTime(),
      );
    },

    /** Series whose organiser registration is still open. */
    async listOpen(actor: SeriesActor): Promise<Series[]> {
      const all = await store.listSeries(actor.tenantId);
      return all.filter((s) => beforeDeadline(s.registrationDeadline, now()));
    },

    async create(actor: SeriesActor, raw: Record<string, unknown>): Promise<Series> {
      return (await createOnce(actor, raw)).series;
    },

    /**
     * Creates the series of one form card: the card's nonce fixes the id, so submitting the same
     * card again (a double click, a retry) finds the series it made (`created: false`).
     */
    createOnce,

    async update(
      actor: SeriesActor,
      id: string,
      raw: Record<string, unknown>,
      expectedVersion: number,
    ): Promise<Series> {
      requireCoordinator(actor);
      const current = await get(actor, id);
      if (current.version !== expectedVersion) throw new SeriesError("stale", [], current);
      const details = validateSeriesDetails(raw);
      return save(
        { ...current, ...details, version: current.version + 1, updatedAt: now() },
        expectedVersion,
      );
    },

    /**
     * Notes the announcement (the caller sends the cards). A `request` with an id (the card's
     * nonce, the tab's click) is remembered with what it asked (`fingerprint`: the conversation it
     * also posts into) and whom it reaches (`targets`, the contacts' AAD ids): the same request
     * again, even after newer ones, changes nothing and answers the targets it had (a retry after
     * a crash re-sends to them, never to contacts added since); the same id for a different
     * request is refused (`requestReused`). Without one, every call is a new announcement.
     */
    async markAnnounced(
      actor: SeriesActor,
      id: string,
      request?: AnnounceRequest,
    ): Promise<{ series: Series; targets?: readonly string[] }> {
      requireCoordinator(actor);
      const remember = async (series: Series) => {
        if (!request) return { series };
        const { requestId, fingerprint, targets } = request;
        await store.rememberRequest(series.id, requestId, {
          kind: "announce",
          fingerprint,
          targets: [...targets],
        });
        const kept = await store.getRequest(series.id, "announce", requestId);
        return { series, targets: kept?.targets ?? targets };
      };
      for (let attempt = 0; ; attempt++) {
        const current = await get(actor, id);
        if (request) {
          const seen = await store.getRequest(current.id, "announce", request.requestId);
          if (seen && seen.fingerprint !== request.fingerprint) throw new SeriesError("requestReused");
          if (seen) return { series: current, targets: seen.targets };
          // Saved, then stopped before it was remembered (a crash, or the same request at once).
          if (current.announceRequest === request.requestId) return remember(current);
        }
        try {
          const next = {
            ...current,
            announcedAt: now(),
            announceRequest: request?.requestId,
            version: current.version + 1,
          };
          return await remember(await save(next, current.version));
        } catch (err) {
          if (!(err instanceof SeriesError && err.code === "stale") || attempt >= 3) throw err;
        }
      }
    },
  };
}

/** The service type. */
export type SeriesService = ReturnType<typeof createSeriesService>;
