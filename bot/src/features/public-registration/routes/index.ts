import type { Server } from "restify";
import { confirmRoutes } from "./confirm-routes";
import type { PublicRoutesDeps } from "./deps";
import { manageRoutes } from "./manage-routes";
import { registerRoutes } from "./register-routes";
import { createResponder } from "./responses";

export type { PublicLimits, PublicRoutesDeps } from "./deps";
export { MAX_FORM_BYTES } from "./request";

/** The registration page's form posts (the server lets HTML forms through only here). */
export const PUBLIC_FORM_PATHS: readonly RegExp[] = [
  /^\/register\/[^/]+(?:\/confirm|\/manage\/(?:cancel|delete))?$/,
];

/**
 * `/register/:id` (page and submit), `/register/:id/confirm` (page and confirm),
 * `/register/:id/manage` (page, `/cancel`, `/delete`): server-rendered, no sign-in, no script.
 * Unknown, non-public and malformed ids all give the same 404 page.
 */
export function publicRegistrationRoutes(deps: PublicRoutesDeps) {
  const responder = createResponder(deps);
  return (server: Server): void => {
    registerRoutes(server, deps, responder);
    confirmRoutes(server, deps, responder);
    manageRoutes(server, deps, responder);
  };
}
