import type { Server } from "restify";
import { isRequestId } from "../domain/card-ids";
import type { Series } from "../domain/types";
import { bodyOf, etagOf, ifMatch, route, sendError, type SeriesRouteDeps } from "./http";
import type { SeriesServices } from "../services";

/** A series as the API returns it: with its ETag. */
export const seriesJson = ({ announceRequest: _request, ...s }: Series) => ({
  ...s,
  etag: etagOf(s.version),
});

/** `GET/POST /api/series`, `GET/PUT /api/series/:id`, `POST /api/series/:id/announce`, regular organisers. */
export function registerSeriesRoutes(server: Server, ctx: SeriesRouteDeps, svc: SeriesServices): void {
  server.get(
    "/api/series",
    route(ctx, async (_req, res, actor) => {
      const items = await svc.series.list(actor);
      res.send(200, { items: items.map(seriesJson), coordinator: actor.coordinator });
    }),
  );

  server.post(
    "/api/series",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      const s = await svc.series.create(actor, body);
      res.header("ETag", etagOf(s.version));
      res.send(201, { series: seriesJson(s) });
    }),
  );

  server.get(
    "/api/series/organisers",
    route(ctx, async (_req, res, actor) => {
      const items = await svc.organisers.list(actor);
      // Contacts are people: only their count leaves the server.
      res.send(200, { items: items.map(({ contacts, ...o }) => ({ ...o, contactCount: contacts.length })) });
    }),
  );

  server.post(
    "/api/series/organisers",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      const o = await svc.organisers.create(actor, body);
      res.send(201, { organiser: { ...o, contacts: undefined, contactCount: o.contacts.length } });
    }),
  );

  server.get(
    "/api/series/:id",
    route(ctx, async (req, res, actor) => {
      const s = await svc.series.get(actor, String(req.params.id));
      res.header("ETag", etagOf(s.version));
      res.send(200, { series: seriesJson(s) });
    }),
  );

  server.put(
    "/api/series/:id",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      const version = ifMatch(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      if (version === undefined || Number.isNaN(version))
        return sendError(req, res, "preconditionRequired", 428);
      const s = await svc.series.update(actor, String(req.params.id), body, version);
      res.header("ETag", etagOf(s.version));
      res.send(200, { series: seriesJson(s) });
    }),
  );

  server.post(
    "/api/series/:id/announce",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req) ?? {};
      // The tab's id of this click (reused on its retry): the same request announces once.
      const requestId = body.requestId;
      if (requestId !== undefined && !isRequestId(requestId)) return sendError(req, res, "badRequest", 400);
      const conversationId =
        typeof body.conversationId === "string" && body.conversationId.length <= 512
          ? body.conversationId
          : undefined;
      // The series is the actor's tenant's (markAnnounced refuses any other): so are its contacts.
      const contacts = await svc.organisers.contacts(actor.tenantId);
      const { series: s, targets } = await svc.series.markAnnounced(
        actor,
        String(req.params.id),
        requestId === undefined
          ? undefined
          : { requestId, fingerprint: conversationId ?? "", targets: contacts.map((c) => c.aadId) },
      );
      // A replayed request reaches whom it reached then, never contacts added since.
      const reach = targets ? contacts.filter((c) => targets.includes(c.aadId)) : contacts;
      const report = svc.notifier
        ? await svc.notifier.announce(s, reach, requestId)
        : { sent: 0, skipped: reach.length };
      let posted = false;
      if (svc.notifier && conversationId !== undefined)
        // Only into a conversation of the series' own tenant (the stored reference says whose).
        posted = await svc.notifier.announceInConversation(s, conversationId, actor.lang, requestId);
      res.send(200, { ...report, posted, series: seriesJson(s) });
    }),
  );
}
