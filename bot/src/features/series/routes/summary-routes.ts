import type { Server } from "restify";
import { summaryToCsv } from "../domain/summary-csv";
import { summaryToDocx } from "../domain/summary-docx";
import { summaryToMarkdown } from "../domain/summary-markdown";
import type { SeriesSummary } from "../domain/summary";
import { translator } from "../../../platform/i18n/i18n";
import { bodyOf, etagOf, langOf, route, sendError, sendFile, type SeriesRouteDeps } from "./http";
import type { SeriesServices } from "../services";

const summaryJson = (s: SeriesSummary) => ({ ...s, etag: etagOf(s.version), published: !!s.publishedAt });
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Compile, read, export and publish the summary; subscribe to it. */
export function registerSummaryRoutes(server: Server, ctx: SeriesRouteDeps, svc: SeriesServices): void {
  const id = (v: unknown) => String(v ?? "");

  server.post(
    "/api/series/:id/summary",
    route(ctx, async (req, res, actor) => {
      const body = bodyOf(req);
      if (!body) return sendError(req, res, "badRequest", 400);
      const s = await svc.summaries.compile(actor, id(req.params.id), body);
      res.send(200, { summary: summaryJson(s) });
    }),
  );

  server.get(
    "/api/series/:id/summary",
    route(ctx, async (req, res, actor) => {
      const s = await svc.summaries.get(actor, id(req.params.id));
      res.send(200, { summary: summaryJson(s) });
    }),
  );

  const exportRoute = (ext: "md" | "csv" | "docx") =>
    route(ctx, async (req, res, actor) => {
      const s = await svc.summaries.get(actor, id(req.params.id));
      const t = translator(langOf(req), "series");
      const name = `series-${s.seriesId}-summary.${ext}`;
      if (ext === "md") sendFile(res, summaryToMarkdown(s, t), "text/markdown; charset=utf-8", name);
      else if (ext === "csv") sendFile(res, summaryToCsv(s, t), "text/csv; charset=utf-8", name);
      else sendFile(res, await summaryToDocx(s, t), DOCX, name);
    });
  server.get("/api/series/:id/summary.md", exportRoute("md"));
  server.get("/api/series/:id/summary.csv", exportRoute("csv"));
  server.get("/api/series/:id/summary.docx", exportRoute("docx"));

  server.post(
    "/api/series/:id/summary/publish",
    route(ctx, async (req, res, actor) => {
      const { summary, subscribers } = await svc.summaries.publish(actor, id(req.params.id));
      const series = await svc.series.get(actor, id(req.params.id));
      const report = svc.notifier
        ? await svc.notifier.publish(series, summary, subscribers)
        : { sent: 0, skipped: subscribers.length };
      res.send(200, { summary: summaryJson(summary), ...report });
    }),
  );

  server.post(
    "/api/series/:id/subscribe",
    route(ctx, async (req, res, actor) => {
      await svc.summaries.subscribe(actor, id(req.params.id));
      res.send(200, { subscribed: true });
    }),
  );
}
