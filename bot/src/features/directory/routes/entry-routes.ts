import type { Server } from "restify";
import { NotFoundError } from "../../../platform/errors";
import { entryFor } from "../domain/drafts";
import { canSeeEntry } from "../domain/roles";
import { directoryFacets } from "../domain/search/facets";
import { checkTarget } from "../domain/services/entry-service";
import type { DirectoryRouteDeps } from "./deps";
import { helsinkiDay, withNeedsUpdate } from "../domain/needs-update";
import { authed, ifMatchOf, sendJson } from "../../../platform/http/route-kit";

/** Entries: search, read, create, update, delete and history. */
export function registerEntryRoutes(server: Server, deps: DirectoryRouteDeps): void {
  const entries = deps.directory.entries;
  const today = () => helsinkiDay((deps.now ?? (() => new Date()))());

  server.get(
    "/api/directory/entries",
    authed(deps, async ({ req, res, principal }) => {
      const { items, total } = await entries.search(principal, req.query ?? {});
      const day = today();
      sendJson(res, 200, { items: items.map((e) => withNeedsUpdate(e, day)), total });
    }),
  );

  // The directory's filter choices from every visible entry (a search page holds only `limit`).
  server.get(
    "/api/directory/facets",
    authed(deps, async ({ res, principal, lang }) => {
      const s = await deps.directory.readModel.snapshot(principal.tenantId);
      sendJson(res, 200, directoryFacets(s, principal, lang));
    }),
  );

  server.post(
    "/api/directory/entries",
    authed(deps, async ({ req, res, principal }) => {
      const entry = await entries.create(principal, req.body);
      res.header("Location", `/api/directory/entries/${entry.orgId}/${entry.id}`);
      sendJson(res, 201, { entry }, entry.etag);
    }),
  );

  server.get(
    "/api/directory/entries/:orgId/:id",
    authed(deps, async ({ req, res, principal }) => {
      const { orgId, id } = checkTarget(req.params.orgId, req.params.id, undefined, false);
      const s = await deps.directory.readModel.snapshot(principal.tenantId);
      const entry = s.getEntry(orgId, id);
      if (!entry || !canSeeEntry(principal, entry)) throw new NotFoundError("entry");
      sendJson(res, 200, { entry: withNeedsUpdate(entryFor(principal, entry), today()) }, entry.etag);
    }),
  );

  server.put(
    "/api/directory/entries/:orgId/:id",
    authed(deps, async ({ req, res, principal }) => {
      const entry = await entries.update(
        principal,
        req.params.orgId,
        req.params.id,
        req.body,
        ifMatchOf(req),
      );
      sendJson(res, 200, { entry }, entry.etag);
    }),
  );

  server.del(
    "/api/directory/entries/:orgId/:id",
    authed(deps, async ({ req, res, principal }) => {
      const held = await entries.remove(principal, req.params.orgId, req.params.id, ifMatchOf(req));
      res.header("Cache-Control", "no-store");
      // 202: the deletion waits for a coordinator (the entry, with its pending deletion, is returned).
      if (held) sendJson(res, 202, { entry: held }, held.etag);
      else res.send(204);
    }),
  );

  server.get(
    "/api/directory/entries/:orgId/:id/history",
    authed(deps, async ({ req, res, principal }) => {
      const records = await entries.history(principal, req.params.orgId, req.params.id);
      const items = records.map((r) => ({
        at: r.at,
        by: r.by.name,
        byId: r.by.userId,
        action: r.action,
        ...(r.before !== undefined ? { before: r.before } : {}),
        ...(r.after !== undefined ? { after: r.after } : {}),
      }));
      sendJson(res, 200, { items });
    }),
  );
}
