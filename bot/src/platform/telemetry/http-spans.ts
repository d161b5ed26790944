import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Request, Response, Next } from "restify";

/**
 * A restify `pre` handler that opens a server span per request and makes it active for the
 * handler chain (so Tables and connector spans nest under it). The span is named by method and
 * route template (`GET /api/directory/entries/:id`), never by the concrete URL: paths and
 * query strings can carry ids of people or search text.
 */
export function httpSpans() {
  return (req: Request, res: Response, next: Next): void => {
    const span = trace.getTracer("dialogi").startSpan(`${req.method} request`, {
      kind: SpanKind.SERVER,
      attributes: { "http.request.method": req.method ?? "GET" },
    });
    res.once("finish", () => {
      const route = req.getRoute?.()?.path;
      const template = typeof route === "string" ? route : route ? String(route) : "(unmatched)";
      span.updateName(`${req.method} ${template}`);
      span.setAttribute("http.route", template);
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
