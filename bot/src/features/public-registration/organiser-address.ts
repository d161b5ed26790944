import { createHash } from "node:crypto";
import type { Request, Response, Server } from "restify";
import type { Logger } from "../../logger";
import { html, sendHtml } from "../../platform/http/html";
import type { Language } from "../../platform/i18n/i18n";
import type { MailSender } from "../../platform/mail/mail-sender";
import { CardInputError, type CardAction } from "../../platform/teams/card-action";
import { DialogueError, dialogueT, isDialogueId, type Dialogue, type PublicAccess } from "../dialogues";
import { isEmail, normaliseEmail } from "./domain/email";
import type { Tokens } from "./domain/tokens";
import { composeMail } from "./mail/mails";
import { layout } from "./pages/layout";
import { messagePage } from "./pages/pages";
import { MailBudgetError, type MailBudget } from "./store/mail-budget";
import type { OrganiserAddressRequest, PublicStore } from "./store/public-store";
import { pageLanguage, publicT } from "./texts";

/** The organiser card's "confirm my address" submit. */
export const ORGANISER_ADDRESS_VERB = "publicRegistration.organiserAddress";
/** How long the organiser's confirmation link works. */
export const ORGANISER_LINK_TTL_MS = 24 * 3600_000;
/** The confirm step's form post (the server lets HTML forms through only on listed paths). */
export const ORGANISER_FORM_PATH = /^\/register\/[^/]+\/organiser$/;

/** Dependencies of {@link organiserAddress}. */
export interface OrganiserAddressDeps {
  access: Pick<PublicAccess, "organiserDialogue">;
  store: PublicStore;
  budget: MailBudget;
  tokens: Tokens;
  mail: MailSender;
  baseUrl: string;
  now: () => Date;
  logger: Logger;
}

/**
 * "Confirm my address" (#26.1): a new public dialogue's page sends at a low rate until one of its
 * organisers has shown a working mailbox. The organiser card sends one mail with a link to the
 * address the organiser types; the link opens a page with a button (mail scanners that pre-open
 * links must not confirm), and the button records who confirmed which address for the dialogue.
 * The request mail is counted in the page's budget like any other.
 */
export function organiserAddress(deps: OrganiserAddressDeps) {
  const { store, tokens, now, logger } = deps;
  const base = deps.baseUrl.replace(/\/$/, "");

  /**
   * The request of one organiser for one address: its nonce is derived from both (a keyed hash of
   * the address), so a second submit while the link is open finds the same request and records
   * the same mail (its key names the request and its expiry: nothing is mailed twice). A request
   * after the link expired or was used is a new one, with a new expiry and a new mail.
   */
  async function request(d: Dialogue, organiserId: string, email: string, lang: Language) {
    const nonce = createHash("sha256")
      .update(`${organiserId}|${tokens.emailKey(email)}`)
      .digest("hex")
      .slice(0, 32);
    let open: OrganiserAddressRequest | undefined;
    for (let i = 0; i < 3 && !open; i++) {
      const current = await store.getOrganiserRequest(d.id, nonce);
      if (current && current.expiresAt > now()) open = current;
      else {
        await deps.budget.take(d.id, now(), await store.organiserConfirmed(d.id));
        const r = {
          dialogueId: d.id,
          nonce,
          organiserId,
          email,
          expiresAt: new Date(now().getTime() + ORGANISER_LINK_TTL_MS),
        };
        // Lost to a submit at the same moment: the next turn finds its request.
        if (await store.putOrganiserRequest(r, current?.etag)) open = r;
      }
    }
    if (!open) throw new Error("organiser address request kept changing");
    const expires = open.expiresAt.getTime();
    const t = publicT(lang);
    const href = `${base}/register/${d.id}/organiser?${tokens.organiserQuery(d.id, nonce, expires)}`;
    await deps.mail.send({
      idempotencyKey: `organiserAddress|${nonce}|${expires}`,
      dialogueId: d.id,
      ...composeMail({
        lang,
        to: email,
        name: "",
        dialogue: d,
        subject: t("organiserAddress.subject", { title: d.title }),
        paragraphs: [t("organiserAddress.text", { title: d.title })],
        action: { href, text: t("organiserAddress.button") },
      }),
    });
    logger.info("organiser address confirmation sent", { dialogueId: d.id });
  }

  const action: CardAction = {
    verb: ORGANISER_ADDRESS_VERB,
    async handle(_ctx, env, data) {
      const dt = dialogueT(env.lang);
      const id = typeof data.dialogueId === "string" ? data.dialogueId : "";
      const raw = typeof data.organiserEmail === "string" ? data.organiserEmail : "";
      const email = normaliseEmail(raw);
      if (!isDialogueId(id) || !env.userId) throw new CardInputError(dt("errors.badData"));
      if (!isEmail(email)) throw new CardInputError(dt("publicAddress.badEmail"));
      let d: Dialogue;
      try {
        d = await deps.access.organiserDialogue(id, env.tenantId, env.userId);
      } catch (err) {
        if (err instanceof DialogueError) throw new CardInputError(dt("publicAddress.notOrganiser"));
        throw err;
      }
      try {
        await request(d, env.userId, email, env.lang);
      } catch (err) {
        if (err instanceof MailBudgetError) throw new CardInputError(dt("publicAddress.budget"));
        throw err;
      }
      return { message: dt("publicAddress.sent", { email }) };
    },
  };

  const routes = (server: Server): void => {
    const lang = (req: Request) => {
      const q = req.query as Record<string, unknown> | undefined;
      const b = req.body as Record<string, unknown> | undefined;
      return pageLanguage(q?.lang ?? b?.lang, req.header("accept-language"));
    };
    const fields = (src: unknown): Record<string, string> => {
      const out: Record<string, string> = {};
      if (src && typeof src === "object")
        for (const [k, v] of Object.entries(src)) if (typeof v === "string") out[k] = v;
      return out;
    };
    const valid = async (id: string, q: Record<string, string>) => {
      if (!isDialogueId(id)) return undefined;
      const link = tokens.verifyOrganiser(id, q);
      if (!link || link.expires <= now().getTime()) return undefined;
      const r = await store.getOrganiserRequest(id, link.nonce);
      // The link of this request, not of an earlier one with the same nonce (used or expired).
      return r && r.expiresAt > now() && r.expiresAt.getTime() === link.expires ? { link, r } : undefined;
    };
    const badLink = (res: Response, l: Language) => {
      const t = publicT(l);
      sendHtml(
        res,
        404,
        messagePage({ lang: l, title: t("organiserAddress.title"), paragraphs: [t("errors.badLink")] }),
      );
    };

    server.get("/register/:id/organiser", async (req: Request, res: Response) => {
      const l = lang(req);
      const id = String(req.params.id ?? "");
      const q = fields(req.query);
      const found = await valid(id, q);
      if (!found) return badLink(res, l);
      const t = publicT(l);
      const query = tokens.organiserQuery(id, found.link.nonce, found.link.expires);
      sendHtml(
        res,
        200,
        layout({
          lang: l,
          title: t("organiserAddress.title"),
          body: html`<h1>${t("organiserAddress.title")}</h1>
            <p>${t("organiserAddress.page")}</p>
            <form method="post" action="/register/${id}/organiser">
              <input type="hidden" name="lang" value="${l}" />
              ${[...query.entries()].map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}" />`)}
              <button type="submit">${t("organiserAddress.button")}</button>
            </form>`,
        }),
      );
    });

    server.post("/register/:id/organiser", async (req: Request, res: Response) => {
      const l = lang(req);
      const id = String(req.params.id ?? "");
      const found = await valid(id, fields(req.body));
      if (!found) return badLink(res, l);
      await store.setOrganiserConfirmed(id, found.r.organiserId, found.r.email, now());
      await store.deleteOrganiserRequest(id, found.r.nonce);
      logger.info("organiser address confirmed", { dialogueId: id });
      const t = publicT(l);
      sendHtml(
        res,
        200,
        messagePage({
          lang: l,
          title: t("organiserAddress.doneTitle"),
          paragraphs: [t("organiserAddress.done")],
        }),
      );
    });
  };

  return { action, routes, request };
}
