import type { Request, Response } from "restify";
import { errorFields } from "../../../logger";
import { sendHtml, type SafeHtml } from "../../../platform/http/html";
import { clientKey, type ProxyTrust } from "../../../platform/http/proxy";
import type { Language } from "../../../platform/i18n/i18n";
import { DialogueError, isDialogueId, type Dialogue } from "../../dialogues";
import type { FormError, RawForm } from "../domain/registration-form";
import { messagePage } from "../pages/pages";
import { registerPage } from "../pages/register-page";
import { ExpiredError } from "../service";
import { MailBudgetError } from "../store/mail-budget";
import { pageLanguage, publicT } from "../texts";
import type { PublicRoutesDeps } from "./deps";
import { query } from "./request";

const NO_PROXY: ProxyTrust = { trustProxy: false };

/**
 * The answers the public routes share: pages, error pages, redirects, and `handle`, which wraps
 * every route (language, dialogue id check, per-address POST limit, errors as pages).
 */
export function createResponder(deps: PublicRoutesDeps) {
  const { tokens, limits, logger } = deps;

  const page = (res: Response, status: number, body: SafeHtml) => sendHtml(res, status, body);

  /** An error page (a 404 keeps a generic title, so unknown and private dialogues look alike). */
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
          const wait = limits.perIp.take(`ip:${clientKey(req, deps.proxy ?? NO_PROXY)}`);
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

  /** The registration form with a fresh form token (and, after a refusal, the values and errors). */
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

  function redirect(res: Response, absolute: string, lang: Language) {
    // Same-origin path only (the absolute URL is ours, but a relative Location keeps dev setups working).
    const url = new URL(absolute);
    res.writeHead(303, {
      Location: `${url.pathname}${url.search}&lang=${lang}`,
      "Cache-Control": "no-store",
    });
    res.end();
  }

  /** The confirm link is used up or too old: say so and offer the form again. */
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

  return { page, problem, handle, showForm, redirect, expired };
}

/** The shared answers of the public routes. */
export type Responder = ReturnType<typeof createResponder>;
