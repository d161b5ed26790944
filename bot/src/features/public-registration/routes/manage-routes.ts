import type { Server } from "restify";
import type { Dialogue } from "../../dialogues";
import { managePage, messagePage } from "../pages/pages";
import { publicT } from "../texts";
import { closedReason } from "../domain/open-state";
import type { PublicRoutesDeps } from "./deps";
import { formBody, isRefusal, query } from "./request";
import type { Responder } from "./responses";

/** `/register/:id/manage`: the registrant's own page, and its cancel and delete-my-data buttons. */
export function manageRoutes(server: Server, deps: PublicRoutesDeps, r: Responder): void {
  const { service, tokens } = deps;
  const { handle, problem, page, redirect } = r;

  const manageLink = (source: Record<string, string>, d: Dialogue) => {
    const link = tokens.verifyManage(d.id, source);
    if (!link) return undefined;
    return link.expires < deps.now().getTime() ? ("expired" as const) : link;
  };

  server.get(
    "/register/:id/manage",
    handle(async (req, res, lang, d) => {
      const q = query(req);
      const link = manageLink(q, d);
      if (!link || link === "expired") return problem(res, lang, 404, "errors.badLink");
      const person = await service.person(d.id, link.userKey);
      if (!person) return problem(res, lang, 404, "manage.gone");
      const registration = await deps.access.registration(d.id, link.userKey);
      const notice = q.n === "confirmed" || q.n === "cancelled" ? q.n : undefined;
      page(
        res,
        200,
        managePage({
          lang,
          dialogue: d,
          registration,
          notice,
          ended: closedReason(d, deps.now()) === "errors.ended",
          query: tokens.manageQuery(d.id, link.userKey, link.expires),
        }),
      );
    }),
  );

  for (const action of ["cancel", "delete"] as const) {
    server.post(
      `/register/:id/manage/${action}`,
      handle(async (req, res, lang, d) => {
        const body = formBody(req);
        if (isRefusal(body)) return problem(res, lang, body.status, body.key);
        const link = manageLink(body, d);
        if (!link || link === "expired") return problem(res, lang, 404, "errors.badLink");
        const t = publicT(lang);
        if (action === "delete") {
          await service.erase(d.id, link.userKey);
          return page(
            res,
            200,
            messagePage({ lang, title: t("manage.deletedTitle"), paragraphs: [t("manage.deletedText")] }),
          );
        }
        if (!(await service.person(d.id, link.userKey))) return problem(res, lang, 404, "manage.gone");
        // After the end (a form still open in a tab) a cancel changes nothing and mails nobody:
        // the page then says the dialogue has ended.
        if (closedReason(d, deps.now()) === "errors.ended")
          return redirect(res, service.manageUrl(d, link.userKey), lang);
        await service.cancel(d.id, link.userKey);
        redirect(res, `${service.manageUrl(d, link.userKey)}&n=cancelled`, lang);
      }),
    );
  }
}
