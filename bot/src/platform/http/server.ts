import type { ActivityHandler } from "botbuilder";
import type { DialogiAdapter } from "../teams/adapter";
import restify, { type Server } from "restify";
import { messagesRoute, MAX_ACTIVITY_BYTES } from "../teams/messages-route";
import { loopbackHostCheck } from "./loopback-host";
import { securityHeaders, type SecurityHeaderOptions } from "./security-headers";
import { httpSpans } from "../telemetry/http-spans";
import { bodyErrorJson, jsonBody } from "./json-body";
import { serveTab } from "./static-files";
import type { Logger } from "../../logger";
import type { TableStore } from "../tables/table-store";
import { healthRoute, readyRoute, type ReadinessCheck } from "./readiness";

/** A feature's HTTP routes (e.g. the directory API), registered by the composition root. */
export type RouteModule = (server: Server) => void;

/** Dependencies of {@link createServer}. */
export interface ServerDeps {
  adapter: DialogiAdapter;
  bot: ActivityHandler;
  store: TableStore;
  logger: Logger;
  tabDist: string;
  routes?: readonly RouteModule[];
  /** Features' readiness checks, asked by `GET /api/ready` (see platform/http/readiness.ts). */
  readiness?: readonly ReadinessCheck[];
  /** Paths that also take HTML form posts (a feature's no-script pages); everything else is JSON only. */
  formPaths?: readonly RegExp[];
  /** Open a telemetry span per request (only when telemetry is on). */
  traced?: boolean;
  /** HSTS and proxy trust (config `hsts`, `TRUST_PROXY`); off when omitted. */
  http?: SecurityHeaderOptions;
  /** Local mode: answer only requests whose Host is a loopback name with our port (DNS rebinding). */
  loopbackOnly?: boolean;
}

/**
 * Builds the HTTP server (bot endpoint, health and readiness, feature APIs, built tab). No side effects
 * until the caller listens.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: "dialogi", handleUncaughtExceptions: false });
  if (deps.loopbackOnly) server.pre(loopbackHostCheck());
  if (deps.traced) server.pre(httpSpans());
  server.use(securityHeaders(deps.http));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBody(MAX_ACTIVITY_BYTES, deps.formPaths));

  server.post("/api/messages", messagesRoute(deps.adapter, deps.bot, deps.logger));

  server.get("/api/health", healthRoute(deps.store));
  server.get("/api/ready", readyRoute(deps.store, deps.readiness ?? []));

  for (const register of deps.routes ?? []) register(server);

  const tab = serveTab(deps.tabDist);
  server.get("/", tab);
  server.get("/*", tab);
  server.head("/", tab);
  server.head("/*", tab);

  server.on("restifyError", (req, res, err, callback) => {
    // Body-parser failures (malformed JSON, oversize, not JSON) arrive here: keep the short JSON shape.
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) deps.logger.error("request failed", { path: req.path(), status });
    err.toJSON = () =>
      bodyErrorJson(req, status, MAX_ACTIVITY_BYTES) ?? {
        error: status < 500 ? "badRequest" : "internal",
        message: status < 500 ? err.message : "Internal error",
      };
    return callback();
  });
  return server;
}
