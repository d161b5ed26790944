import type { Server } from "restify";
import type { DirectoryRouteDeps } from "./deps";
import { authed, sendJson } from "../../../platform/http/route-kit";

/**
 * Directory administration (docs/directory-api.md, "Administration"): grants by e-mail or object
 * id, revocation, merging organisations (coordinators only: 403 for others) and access requests
 * (any signed-in person asks; coordinators decide).
 */
export function registerAdminRoutes(server: Server, deps: DirectoryRouteDeps): void {
  const admin = deps.directory.admin;

  server.post(
    "/api/directory/grants",
    authed(deps, async ({ req, res, principal }) =>
      sendJson(res, 200, await admin.grant(principal, req.body)),
    ),
  );

  server.post(
    "/api/directory/grants/revoke",
    authed(deps, async ({ req, res, principal }) => {
      const membership = await admin.revoke(principal, req.body);
      sendJson(res, 200, { membership: membership ?? null });
    }),
  );

  server.post(
    "/api/directory/organisations/:id/merge",
    authed(deps, async ({ req, res, principal }) =>
      sendJson(res, 200, await admin.merge(principal, req.params.id, req.body)),
    ),
  );

  server.get(
    "/api/directory/access-requests",
    authed(deps, async ({ res, principal }) =>
      sendJson(res, 200, { items: await admin.requests(principal) }),
    ),
  );

  server.post(
    "/api/directory/access-requests",
    authed(deps, async ({ req, res, principal, lang }) => {
      const request = await admin.request(principal, req.body, lang);
      sendJson(res, 201, { request });
    }),
  );

  for (const decision of ["approve", "decline"] as const) {
    server.post(
      `/api/directory/access-requests/:id/${decision}`,
      authed(deps, async ({ req, res, principal }) =>
        sendJson(res, 200, await admin[decision](principal, req.params.id)),
      ),
    );
  }
}
