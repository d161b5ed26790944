import type { Server } from "restify";
import { closedReason } from "../domain/open-state";
import { confirmPage } from "../pages/pages";
import { ExpiredError } from "../service";
import type { PublicRoutesDeps } from "./deps";
import { formBody, isRefusal, query } from "./request";
import type { Responder } from "./responses";

/** `/register/:id/confirm`: the confirm page a mailed link opens, and its confirm button. */
export function confirmRoutes(server: Server, deps: PublicRoutesDeps, r: Responder): void {
  const { service, tokens } = deps;
  const { handle, problem, page, redirect, expired } = r;

  server.get(
    "/register/:id/confirm",
    handle(async (req, res, lang, d) => {
      const q = query(req);
      const link = tokens.verifyConfirm(d.id, q);
      if (!link) return problem(res, lang, 404, "errors.badLink");
      const closed = closedReason(d, deps.now());
      if (closed) return problem(res, lang, 410, closed);
      const state = await service.pendingFor(d.id, link.pendingId, link.expires);
      if ("confirmed" in state) return redirect(res, service.manageUrl(d, state.confirmed!), lang);
      if (!("pending" in state)) return expired(res, lang, d);
      page(
        res,
        200,
        confirmPage({
          lang,
          dialogue: d,
          query: tokens.confirmQuery(d.id, link.pendingId, link.expires),
          answers: state.pending?.input,
        }),
      );
    }),
  );

  server.post(
    "/register/:id/confirm",
    handle(async (req, res, lang, d) => {
      const body = formBody(req);
      if (isRefusal(body)) return problem(res, lang, body.status, body.key);
      const link = tokens.verifyConfirm(d.id, body);
      if (!link) return problem(res, lang, 404, "errors.badLink");
      const closed = closedReason(d, deps.now());
      if (closed) return problem(res, lang, 410, closed);
      try {
        const { userKey } = await service.confirm(d.id, link.pendingId, link.expires);
        redirect(res, `${service.manageUrl(d, userKey)}&n=confirmed`, lang);
      } catch (err) {
        if (err instanceof ExpiredError) return expired(res, lang, d);
        throw err;
      }
    }),
  );
}
