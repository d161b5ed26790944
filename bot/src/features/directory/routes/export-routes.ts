import type { Request, Server } from "restify";
import { directoryCsv, directoryJson } from "../domain/export";
import type { DirectoryRouteDeps } from "./deps";
import { authed } from "../../../platform/http/route-kit";

const FILTERS = ["q", "org", "section", "tag", "area", "year"];

/** True when the request narrows the export (the file then holds only the matching part). */
const isFiltered = (req: Request) =>
  FILTERS.some((f) => {
    const v = (req.query as Record<string, unknown> | undefined)?.[f];
    return v !== undefined && v !== "";
  });

/**
 * `GET /api/directory/export.csv|json?…filters`: the entries the caller may see, with the same
 * filters as the search, as a download (no paging: the whole matching set).
 */
export function registerExportRoutes(server: Server, deps: DirectoryRouteDeps): void {
  const now = deps.now ?? (() => new Date());
  const stamp = () => now().toISOString().slice(0, 10);

  for (const format of ["csv", "json"] as const) {
    server.get(
      `/api/directory/export.${format}`,
      authed(deps, async ({ req, res, principal }) => {
        const { items, snapshot } = await deps.directory.entries.search(principal, req.query ?? {}, true);
        const body =
          format === "csv"
            ? directoryCsv(items, snapshot.orgs)
            : JSON.stringify(
                directoryJson(items, snapshot.orgs, now().toISOString(), isFiltered(req)),
                null,
                2,
              );
        res.header(
          "Content-Type",
          format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
        );
        res.header("Content-Disposition", `attachment; filename="dialogi-directory-${stamp()}.${format}"`);
        res.header("Cache-Control", "no-store");
        res.sendRaw(200, body);
      }),
    );
  }
}
