import type { Server } from "restify";
import { isRequestId } from "../domain/card-ids";
import { dashboardToCsv } from "../domain/dashboard-csv";
import type { SeriesRecord } from "../domain/types";
import { translator } from "../../../platform/i18n/i18n";
import { bodyOf, etagOf, ifMatch, langOf, route, sendError, sendFile, type SeriesRouteDeps } from "./http";
import type { SeriesServices } from "../services";

const recordJson = (r: SeriesRecord) => ({ ...r, etag: etagOf(r.version) });
const MAX_IDS = 500;

/** Registered dialogues, records, the dashboard, reminders and the dialogues CSV. */
export function registerParticipationRoutes(server: Server, ctx: SeriesRouteDeps, svc: SeriesServices): void {
  const id = (v: unknown) => String(v ?? "");

  server.get(
    "/api/series/:id/dialogues",
    route(ctx, async (req, res, actor) => {
      const { dialogues, records } = await svc.participation.listDialogues(actor, id(req.params.id));
      const counts = new Map<string, number>();
      for (const r of records) counts.set(r.seriesDialogueId, (counts.get(r.seriesDialogueId) ?? 0) + 1);
      res.send(200, {
        items: dialogues.map((d) => ({ ...d, etag: etagOf(d.version), records: counts.get(d.id) ?? 0 })),
      });
    }),
  );

  server.post(
    "/api/series/:id/dialogues",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      const d = await svc.participation.enrol(actor, id(req.params.id), body, {
        joinNetwork: body.joinNetwork === true,
      });
      res.send(201, { dialogue: { ...d, etag: etagOf(d.version) } });
    }),
  );

  server.get(
    "/api/series/:id/dialogues/:dialogueId",
    route(ctx, async (req, res, actor) => {
      const { dialogue, records } = await svc.participation.getDialogue(
        actor,
        id(req.params.id),
        id(req.params.dialogueId),
      );
      res.send(200, {
        dialogue: { ...dialogue, etag: etagOf(dialogue.version) },
        records: records.map(recordJson),
      });
    }),
  );

  server.get(
    "/api/series/:id/dialogues/:dialogueId/records/:no",
    route(ctx, async (req, res, actor) => {
      const { record } = await svc.participation.getRecord(
        actor,
        id(req.params.id),
        id(req.params.dialogueId),
        req.params.no,
      );
      if (!record) return sendError(req, res, "notFound", 404);
      res.header("ETag", etagOf(record.version));
      res.send(200, { record: recordJson(record) });
    }),
  );

  server.put(
    "/api/series/:id/dialogues/:dialogueId/records/:no",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      const version = ifMatch(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      if (Number.isNaN(version)) return sendError(req, res, "badRequest", 400);
      const r = await svc.participation.saveRecord(
        actor,
        id(req.params.id),
        id(req.params.dialogueId),
        req.params.no,
        body,
        version,
      );
      res.header("ETag", etagOf(r.version));
      res.send(r.version === 1 ? 201 : 200, { record: recordJson(r) });
    }),
  );

  server.get(
    "/api/series/:id/dashboard",
    route(ctx, async (req, res, actor) => {
      const d = await svc.participation.dashboard(actor, id(req.params.id));
      res.send(200, {
        series: { ...d.series, etag: etagOf(d.series.version) },
        rows: d.rows,
        statistics: d.statistics,
      });
    }),
  );

  server.post(
    "/api/series/:id/reminders",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      const ids = body?.dialogueIds;
      // The tab's id of this click (reused on its retry): the same request reminds once.
      const requestId = body?.requestId;
      if (
        !body ||
        (ids !== undefined &&
          (!Array.isArray(ids) || ids.length > MAX_IDS || ids.some((x) => typeof x !== "string"))) ||
        (requestId !== undefined && !isRequestId(requestId))
      )
        return sendError(req, res, "badRequest", 400);
      const { series, dialogues } = await svc.participation.remind(
        actor,
        id(req.params.id),
        ids as string[] | undefined,
        requestId,
      );
      const report = svc.notifier
        ? await svc.notifier.remind(series, dialogues, requestId)
        : { sent: 0, skipped: dialogues.length };
      res.send(200, { reminded: dialogues.map((d) => d.id), ...report });
    }),
  );

  server.get(
    "/api/series/:id/export.csv",
    route(ctx, async (req, res, actor) => {
      const d = await svc.participation.dashboard(actor, id(req.params.id));
      const csv = dashboardToCsv(d.rows, translator(langOf(req), "series"));
      sendFile(res, csv, "text/csv; charset=utf-8", `series-${d.series.id}-dialogues.csv`);
    }),
  );
}
