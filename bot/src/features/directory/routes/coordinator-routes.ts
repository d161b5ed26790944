import type { Server } from "restify";
import type { DirectoryRouteDeps } from "./deps";
import { membershipView } from "../domain/services/admin-service";
import { authed, ifMatchOf, sendJson } from "../../../platform/http/route-kit";

/** Coordinator work: the moderation queue, approve/reject, and staff memberships. */
export function registerCoordinatorRoutes(server: Server, deps: DirectoryRouteDeps): void {
  const { moderation, memberships } = deps.directory;

  server.get(
    "/api/directory/moderation",
    authed(deps, async ({ res, principal }) =>
      sendJson(res, 200, { items: await moderation.queue(principal) }),
    ),
  );

  for (const decision of ["approve", "reject"] as const) {
    server.post(
      `/api/directory/entries/:orgId/:id/${decision}`,
      authed(deps, async ({ req, res, principal }) => {
        const entry = await moderation[decision](
          principal,
          req.params.orgId,
          req.params.id,
          req.body,
          ifMatchOf(req),
        );
        sendJson(res, 200, { entry }, entry.etag);
      }),
    );
  }

  server.get(
    "/api/directory/memberships",
    authed(deps, async ({ res, principal }) => {
      const { items, domainRules } = await memberships.list(principal);
      sendJson(res, 200, { items: items.map(membershipView), domainRules });
    }),
  );

  server.put(
    "/api/directory/memberships/:userId",
    authed(deps, async ({ req, res, principal }) => {
      const membership = await memberships.put(principal, req.params.userId, req.body);
      sendJson(res, 200, { membership: membership ?? null });
    }),
  );

  server.del(
    "/api/directory/memberships/:userId",
    authed(deps, async ({ req, res, principal }) => {
      await memberships.remove(principal, req.params.userId);
      res.header("Cache-Control", "no-store");
      res.send(204);
    }),
  );
}
