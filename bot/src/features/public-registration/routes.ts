import type { Request, Response, Server } from "restify";
import type { Logger } from "../../logger";
import { errorFields } from "../../logger";
import { sendHtml, type SafeHtml } from "../../platform/http/html";
import { clientKey, type ProxyTrust } from "../../platform/http/proxy";
import type { RateLimiter } from "../../platform/http/rate-limit";
import type { Language } from "../../platform/i18n/i18n";
import { DialogueError, isDialogueId, type Dialogue, type PublicAccess } from "../dialogues";
import { FORM_FIELDS, validatePublicForm, type FormError, type RawForm } from "./domain/registration-form";
import type { Tokens } from "./domain/tokens";
import { managePage, confirmPage, messagePage } from "./pages/pages";
import { registerPage } from "./pages/register-page";
import { ExpiredError, type PublicRegistrationService } from "./service";
import { pageLanguage, publicT } from "./texts";
import { closedReason } from "./domain/open-state";
import { MailBudgetError } from "./store/mail-budget";

const NO_PROXY: ProxyTrust = { trustProxy: false };

/** Form posts are small: anything larger is refused before it is looked at. */
export const MAX_FORM_BYTES = 16 * 1024;

/** Abuse limits (token buckets per instance; see docs/public-registration.md). */
export interface PublicLimits {
  /** Every POST, per client address. */
  perIp: RateLimiter;
  /** Registration submits, per dialogue. */
  perDialogue: RateLimiter;
  /** Registration submits, per (hashed) e-mail address: bounds mails to one mailbox. */
  perEmail: RateLimiter;
  /** A form sent sooner than this after it was served is refused (bots fill instantly). */
  minFillMs: number;
  /** …or later than this (a stale token). */
  maxFillMs: number;
}

/** Dependencies of {@link publicRegistrationRoutes}. */
export interface PublicRoutesDeps {
  service: PublicRegistrationService;
  access: Pick<PublicAccess, "dialogue" | "counts" | "registration">;
  tokens: Tokens;
  limits: PublicLimits;
  now: () => Date;
  logger: Logger;
  /** Whose X-Forwarded-For to believe (config `TRUST_PROXY`); the socket's peer when omitted. */
  proxy?: ProxyTrust;
  /** The data-protection contact named in the privacy notice (config.support.email). */
  contact?: string;
}

const query = (req: Request): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query as Record<string, unknown>) ?? {}))
    if (typeof v === "string") out[k] = v;
  return out;
};

type Refusal = { status: number; key: string; params?: Record<string, number> };

/** The registration page's form posts (the server lets HTML forms through only here). */
export const PUBLIC_FORM_PATHS: readonly RegExp[] = [
  /^\/register\/[^/]+(?:\/confirm|\/manage\/(?:cancel|delete))?$/,
];

/** The form's fields as strings; refuses other content types and oversize bodies. */
function formBody(req: Request): Record<string, string> | Refusal {
  const type = (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "application/json")
    return { status: 415, key: "errors.badType" };
  const length = Number(req.header("content-length") ?? "0");
  const raw = (req as Request & { rawBody?: string | Buffer }).rawBody;
  if (length > MAX_FORM_BYTES || (raw !== undefined && Buffer.byteLength(raw) > MAX_FORM_BYTES))
    return { status: 413, key: "errors.tooLarge" };
  const body = req.body as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  if (body && typeof body === "object")
    for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

const isRefusal = (x: unknown): x is Refusal =>
  typeof x === "object" && x !== null && "status" in x && "key" in x;

/**
 * `/register/:id` (page and submit), `/register/:id/confirm` (page and confirm),
 * `/register/:id/manage` (page, `/cancel`, `/delete`): server-rendered, no sign-in, no script.
 * Unknown, non-public and malformed ids all give the same 404 page.
 */
export function publicRegistrationRoutes(deps: PublicRoutesDeps) {
  const { service, tokens, limits, logger } = deps;

  const page = (res: Response, status: number, body: SafeHtml) => sendHtml(res, status, body);
  const problem = (
    res: Response,
    lang: Language,
    status: number,
    key: string,
    params?: Record<string, number>,
  ) => {
    const t = publicT(lang);
    if (status === 429 && params?.seconds) res.setHeader("Retry-After", String(params.seconds));
    const text = t(key, { minutes: Math.max(1, Math.ceil((params?.seconds ?? 60) / 60)), ...params });
    page(
      res,
      status,
      messagePage({
        lang,
        title: status === 404 ? t("errors.notFoundTitle") : text,
        paragraphs: status === 404 ? [text] : [],
      }),
    );
  };
  const limited = (key: string, limiter: RateLimiter) => limiter.take(key);

  /** Runs a handler with the dialogue; DialogueErrors become pages, anything else a logged 500. */
  const handle =
    (fn: (req: Request, res: Response, lang: Language, d: Dialogue) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      const body = req.method === "POST" ? (req.body as Record<string, unknown> | undefined) : undefined;
      const lang = pageLanguage(query(req).lang ?? body?.lang, req.header("accept-language"));
      const id = String(req.params.id ?? "");
      try {
        if (!isDialogueId(id)) return problem(res, lang, 404, "errors.notFound");
        if (req.method === "POST") {
          const wait = limited(`ip:${clientKey(req, deps.proxy ?? NO_PROXY)}`, limits.perIp);
          if (wait > 0) return problem(res, lang, 429, "errors.rateLimited", { seconds: wait });
        }
        const d = await deps.access.dialogue(id);
        await fn(req, res, lang, d);
      } catch (err) {
        if (err instanceof DialogueError) {
          const status = err.code === "notFound" ? 404 : err.code === "busy" ? 503 : 409;
          return problem(
            res,
            lang,
            status,
            `errors.${["closed", "cancelled", "busy"].includes(err.code) ? err.code : "notFound"}`,
          );
        }
        if ((err as Error)?.name === "ConcurrencyError") return problem(res, lang, 503, "errors.busy");
        if (err instanceof ExpiredError) return problem(res, lang, 410, "confirm.expired");
        if (err instanceof MailBudgetError)
          return problem(res, lang, 429, "errors.mailBudget", { seconds: err.retryAfterSeconds });
        logger.error("public registration request failed", { path: req.path(), ...errorFields(err) });
        problem(res, lang, 500, "errors.busy");
      }
    };

  const showForm = async (
    res: Response,
    status: number,
    lang: Language,
    d: Dialogue,
    extra: { values?: RawForm; errors?: readonly FormError[]; formError?: string } = {},
  ) => {
    const counts = await deps.access.counts(d.id);
    const formToken = tokens.formToken(d.id, deps.now().getTime());
    page(
      res,
      status,
      registerPage({ lang, dialogue: d, counts, formToken, contact: deps.contact, ...extra }),
    );
  };

  return (server: Server): void => {
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
        const waitDialogue = limited(`d:${d.id}`, limits.perDialogue);
        const waitEmail = limited(`e:${d.id}:${tokens.emailKey(checked.value.email)}`, limits.perEmail);
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

    const manageLink = (req: Request, source: Record<string, string>, d: Dialogue) => {
      const link = tokens.verifyManage(d.id, source);
      if (!link) return undefined;
      return link.expires < deps.now().getTime() ? ("expired" as const) : link;
    };

    server.get(
      "/register/:id/manage",
      handle(async (req, res, lang, d) => {
        const q = query(req);
        const link = manageLink(req, q, d);
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
          const link = manageLink(req, body, d);
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
  };

  function redirect(res: Response, absolute: string, lang: Language) {
    // Same-origin path only (the absolute URL is ours, but a relative Location keeps dev setups working).
    const url = new URL(absolute);
    res.writeHead(303, {
      Location: `${url.pathname}${url.search}&lang=${lang}`,
      "Cache-Control": "no-store",
    });
    res.end();
  }

  function expired(res: Response, lang: Language, d: Dialogue) {
    const t = publicT(lang);
    page(
      res,
      410,
      messagePage({
        lang,
        title: t("confirm.title"),
        paragraphs: [t("confirm.expired")],
        link: { href: `/register/${d.id}?lang=${lang}`, text: t("confirm.again") },
      }),
    );
  }
}
