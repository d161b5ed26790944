import type { Server } from "restify";
import { FieldChecker } from "../../../platform/validation/field-checker";
import { translator } from "../../../platform/i18n/i18n";
import type { DirectoryRouteDeps } from "./deps";
import { authed, guarded, sendJson } from "../../../platform/http/route-kit";
import { HttpError } from "../../../platform/http/http-errors";
import { DEV_PERSONAS, signDevToken } from "../../../platform/auth/dev-tokens";

/**
 * `GET /api/auth/config` (public: what the tab needs before sign-in), `POST /api/auth/dev-signin`
 * (development only) and `GET /api/me` (the caller with directory roles).
 */
export function registerAuthRoutes(server: Server, deps: DirectoryRouteDeps): void {
  server.get(
    "/api/auth/config",
    guarded(deps, async (_req, res, lang) => {
      const t = translator(lang, "directory");
      const personas = deps.devSignIn
        ? DEV_PERSONAS.map((p) => ({
            id: p.id,
            name: t(`personas.${p.id}.name`),
            description: t(`personas.${p.id}.description`),
          }))
        : [];
      sendJson(res, 200, {
        clientId: deps.clientId ?? null,
        devSignIn: deps.devSignIn,
        personas,
        support: deps.support,
      });
    }),
  );

  server.post(
    "/api/auth/dev-signin",
    guarded(deps, async (req, res) => {
      // Answer as if the route did not exist: production must not even reveal it.
      if (!deps.devSignIn) throw new HttpError(404, "notFound", "directory:errors.devSignInOff");
      const c = new FieldChecker();
      const body = c.object("body", req.body) ?? {};
      const id = c.oneOf(
        "persona",
        body.persona,
        DEV_PERSONAS.map((p) => p.id),
      );
      c.throwIfAny();
      const persona = DEV_PERSONAS.find((p) => p.id === id)!;
      const token = await signDevToken(persona, deps.devTenantId, deps.devTokenSecret);
      const identity = await deps.authenticator.authenticate(`Bearer ${token}`);
      const principal = await deps.directory.principalFor(identity);
      sendJson(res, 200, { token, principal });
    }),
  );

  server.get(
    "/api/me",
    authed(deps, async ({ res, principal }) => sendJson(res, 200, principal)),
  );
}
