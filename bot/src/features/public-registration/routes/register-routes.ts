import type { Server } from "restify";
import { closedReason } from "../domain/open-state";
import { FORM_FIELDS, validatePublicForm, type RawForm } from "../domain/registration-form";
import { messagePage } from "../pages/pages";
import { publicT } from "../texts";
import type { PublicRoutesDeps } from "./deps";
import { formBody, isRefusal } from "./request";
import type { Responder } from "./responses";

/** `/register/:id`: the registration page, and its submit (checks, limits, then the service). */
export function registerRoutes(server: Server, deps: PublicRoutesDeps, r: Responder): void {
  const { service, tokens, limits, logger } = deps;
  const { handle, problem, showForm, page } = r;

  server.get(
    "/register/:id",
    handle(async (_req, res, lang, d) => {
      const closed = closedReason(d, deps.now());
      if (closed) return problem(res, lang, 410, closed);
      await showForm(res, 200, lang, d);
    }),
  );

  server.post(
    "/register/:id",
    handle(async (req, res, lang, d) => {
      const body = formBody(req);
      if (isRefusal(body)) return problem(res, lang, body.status, body.key);
      const closed = closedReason(d, deps.now());
      if (closed) return problem(res, lang, 410, closed);
      const values: RawForm = Object.fromEntries(FORM_FIELDS.map((f) => [f, body[f] ?? ""]));
      const t = publicT(lang);
      const age = tokens.formAge(d.id, body.ft ?? "", deps.now().getTime());
      if (age === undefined || age < limits.minFillMs || age > limits.maxFillMs)
        return showForm(res, 400, lang, d, { values, formError: t("errors.tooFast") });
      const checked = validatePublicForm(values, d);
      if (!checked.ok) return showForm(res, 400, lang, d, { values, errors: checked.errors });
      const waitDialogue = limits.perDialogue.take(`d:${d.id}`);
      const waitEmail = limits.perEmail.take(`e:${d.id}:${tokens.emailKey(checked.value.email)}`);
      const wait = Math.max(waitDialogue, waitEmail);
      if (wait > 0) return problem(res, lang, 429, "errors.rateLimited", { seconds: wait });
      // A filled honeypot gets the same answer as everyone, and nothing happens.
      if (body.website) logger.info("public registration honeypot", { dialogueId: d.id });
      else await service.submit(d.id, lang, checked.value);
      page(
        res,
        200,
        messagePage({ lang, title: t("check.title"), paragraphs: [t("check.text"), t("check.spam")] }),
      );
    }),
  );
}
