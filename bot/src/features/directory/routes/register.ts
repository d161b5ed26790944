import type { Request, Response, Server } from "restify";
import { translator } from "../../../platform/i18n/i18n";
import { registerAdminRoutes } from "./admin-routes";
import { registerAuthRoutes } from "./auth-routes";
import { sendError } from "../../../platform/http/http-errors";
import { registerCoordinatorRoutes } from "./coordinator-routes";
import type { DirectoryRouteDeps } from "./deps";
import { registerEntryRoutes } from "./entry-routes";
import { registerExportRoutes } from "./export-routes";
import { registerOrganisationRoutes } from "./organisation-routes";
import { languageOf } from "../../../platform/http/route-kit";

const OWN_PATHS = /^\/api\/(?:directory|auth|me)(?:\/|$)/;

/**
 * The server-wide body parser rejects malformed JSON and oversize bodies before any route
 * runs; for this API's paths, answer those in the caller's language with the API's error shape.
 * restify emits the specific error event before its generic `restifyError`, and skips its own
 * reply once a response has been sent.
 */
function translateBodyErrors(server: Server): void {
  const reply =
    (status: number, code: string, key: string) =>
    (req: Request, res: Response, _err: Error, next: () => void) => {
      if (OWN_PATHS.test(req.path()) && !res.headersSent) {
        const lang = languageOf(req);
        sendError(res, status, { error: code, message: String(translator(lang, "directory")(key)) });
      }
      next();
    };
  server.on("InvalidContent", reply(400, "badRequest", "errors.malformedJson"));
  server.on("PayloadTooLarge", reply(413, "tooLarge", "errors.tooLarge"));
  server.on("RequestEntityTooLarge", reply(413, "tooLarge", "errors.tooLarge"));
}

/**
 * Mounts the directory REST API and its auth routes (docs/directory-api.md). Every route except
 * `GET /api/auth/config` authenticates.
 */
export function registerDirectoryRoutes(server: Server, deps: DirectoryRouteDeps): void {
  translateBodyErrors(server);
  registerAuthRoutes(server, deps);
  registerOrganisationRoutes(server, deps);
  registerEntryRoutes(server, deps);
  registerCoordinatorRoutes(server, deps);
  registerAdminRoutes(server, deps);
  registerExportRoutes(server, deps);
}
