import { PeerError, type PeerErrorCode } from "./domain/errors";
import { translator, type Language } from "../../platform/i18n/i18n";
import type { DirectoryRouteDeps } from "../directory";
import { authed, sendJson, type RouteContext } from "../../platform/http/route-kit";

const STATUS: Record<PeerErrorCode, number> = {
  notCoordinator: 403,
  notStaff: 403,
  notFound: 404,
  invalid: 400,
  decided: 409,
  notEnded: 409,
  tooSoon: 429,
};

/** Translated `{ error, message, fields? }` of a peer refusal (the API's error shape). */
export function peerErrorBody(err: PeerError, lang: Language) {
  const t = translator(lang, "peer");
  const fields = err.fields.length
    ? Object.fromEntries(
        err.fields.map((f) => {
          const key = f.key.includes(":") ? f.key : `peer:errors.${f.key}`;
          const [ns, k] = key.split(":", 2) as [string, string];
          return [f.field, String(translator(lang, ns)(k, f.params ?? {}))];
        }),
      )
    : undefined;
  return { error: err.code, message: t(`refused.${err.code}`), ...(fields ? { fields } : {}) };
}

/**
 * A peer route: the directory's authentication (Teams SSO or dev sign-in, roles applied) and
 * error mapping, plus the peer refusals as translated 4xx bodies.
 */
export function peerRoute(deps: DirectoryRouteDeps, fn: (ctx: RouteContext) => Promise<void>) {
  return authed(deps, async (ctx) => {
    try {
      await fn(ctx);
    } catch (err) {
      if (!(err instanceof PeerError)) throw err;
      sendJson(ctx.res, STATUS[err.code], peerErrorBody(err, ctx.lang));
    }
  });
}
