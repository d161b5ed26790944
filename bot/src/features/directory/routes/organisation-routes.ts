import type { Server } from "restify";
import type { DirectoryRouteDeps } from "./deps";
import { helsinkiDay, withNeedsUpdate } from "../domain/needs-update";
import { authed, ifMatchOf, sendJson } from "../../../platform/http/route-kit";

/** Organisations: list, read with entries (everyone); create and update (coordinators). */
export function registerOrganisationRoutes(server: Server, deps: DirectoryRouteDeps): void {
  const orgs = deps.directory.organisations;

  server.get(
    "/api/directory/organisations",
    authed(deps, async ({ res, principal, lang }) =>
      sendJson(res, 200, { items: await orgs.list(principal, lang) }),
    ),
  );

  server.get(
    "/api/directory/organisations/:id",
    authed(deps, async ({ req, res, principal }) => {
      const result = await orgs.get(principal, req.params.id);
      const day = helsinkiDay((deps.now ?? (() => new Date()))());
      const entries = result.entries.map((e) => withNeedsUpdate(e, day));
      sendJson(res, 200, { ...result, entries }, result.organisation.etag);
    }),
  );

  server.post(
    "/api/directory/organisations",
    authed(deps, async ({ req, res, principal }) => {
      const organisation = await orgs.create(principal, req.body);
      res.header("Location", `/api/directory/organisations/${organisation.id}`);
      sendJson(res, 201, { organisation }, organisation.etag);
    }),
  );

  server.put(
    "/api/directory/organisations/:id",
    authed(deps, async ({ req, res, principal }) => {
      const organisation = await orgs.update(principal, req.params.id, req.body, ifMatchOf(req));
      sendJson(res, 200, { organisation }, organisation.etag);
    }),
  );
}
