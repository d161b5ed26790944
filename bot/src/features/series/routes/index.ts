import type { RouteModule } from "../../../platform/http/server";
import type { SeriesRouteDeps } from "./http";
import { registerParticipationRoutes } from "./participation-routes";
import { registerSeriesRoutes } from "./series-routes";
import type { SeriesServices } from "../services";
import { registerSummaryRoutes } from "./summary-routes";

/** The series REST API for the tab (docs/series-api.md). */
export function seriesRoutes(ctx: SeriesRouteDeps, services: SeriesServices): RouteModule {
  return (server) => {
    // Literal paths before `:id` ones, so "/api/series/organisers" is not read as a series id.
    registerSeriesRoutes(server, ctx, services);
    registerParticipationRoutes(server, ctx, services);
    registerSummaryRoutes(server, ctx, services);
  };
}
