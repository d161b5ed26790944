import type { Server } from "restify";
import { isDialogueId } from "../dialogues";
import { PeerError } from "./domain/errors";
import type { PeerServices } from "./domain";
import { IAP2_LEVELS, IAP2_TEXTS, METHOD_IDS, METHOD_TEMPLATES } from "../dialogues";
import type { Language } from "../../platform/i18n/i18n";
import type { DirectoryRouteDeps } from "../directory";
import { sendJson } from "../../platform/http/route-kit";
import { peerRoute } from "./http";

/** What the peer routes need besides the directory's route dependencies. */
export interface PeerRouteOptions {
  services: PeerServices;
  /** Sends the invitation to the contacts after an API scheduling (no channel to post in). */
  onScheduled?: (dialogueId: string, tenantId: string) => Promise<unknown>;
  /** An ended dialogue's summary as Markdown (rounds feature), headings in `lang`. */
  summaryMarkdown(dialogueId: string, lang: Language): Promise<string | undefined>;
}

const dialogueIdOf = (raw: unknown): string => {
  if (!isDialogueId(raw)) throw new PeerError("notFound");
  return raw;
};
const q = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : undefined);

/** `/api/peer/*` (docs/peer-api.md). */
export function registerPeerRoutes(server: Server, deps: DirectoryRouteDeps, o: PeerRouteOptions): void {
  const s = o.services;

  server.get(
    "/api/peer/calendar",
    peerRoute(deps, async ({ req, res, principal }) => {
      const query = (req.query ?? {}) as Record<string, unknown>;
      const items = await s.queries.calendar(principal, { org: q(query.org), theme: q(query.theme) });
      sendJson(res, 200, { items });
    }),
  );

  server.get(
    "/api/peer/methods",
    peerRoute(deps, async ({ res, lang }) =>
      sendJson(res, 200, {
        methods: METHOD_IDS.map((id) => {
          const m = METHOD_TEMPLATES[id];
          return {
            id,
            name: m.name[lang],
            level: m.level,
            capacity: m.capacity,
            groupSizes: m.groupSizes,
            roles: m.roles.map((r) => ({ id: r.id, name: r.name[lang], count: r.count[lang] })),
            phases: m.phases.map((p) => p[lang]),
            guide: m.guide[lang],
          };
        }),
        levels: IAP2_LEVELS.map((id) => ({
          id,
          name: IAP2_TEXTS[id].name[lang],
          promise: IAP2_TEXTS[id].promise[lang],
        })),
      }),
    ),
  );

  server.get(
    "/api/peer/listing-health",
    peerRoute(deps, async ({ req, res, principal }) => {
      const raw = Number((req.query as Record<string, unknown> | undefined)?.staleDays);
      const staleDays = Number.isInteger(raw) && raw >= 0 && raw <= 3650 ? raw : undefined;
      sendJson(res, 200, { items: await s.listings.health(principal, staleDays) });
    }),
  );

  server.post(
    "/api/peer/listing-health/:orgId/remind",
    peerRoute(deps, async ({ req, res, principal }) => {
      sendJson(res, 200, await s.listings.remind(principal, String(req.params.orgId ?? "")));
    }),
  );

  server.get(
    "/api/peer/organisations/:orgId/dialogues",
    peerRoute(deps, async ({ req, res, principal }) => {
      sendJson(res, 200, {
        items: await s.queries.ofOrganisation(principal, String(req.params.orgId ?? "")),
      });
    }),
  );

  server.post(
    "/api/peer",
    peerRoute(deps, async ({ req, res, principal, lang }) => {
      const result = await s.schedule.schedule({
        principal,
        creator: { aadId: principal.userId, name: principal.name },
        body: req.body,
        lang,
      });
      if (result.created) await o.onScheduled?.(result.peer.dialogueId, principal.tenantId);
      res.header("Location", `/api/peer/${result.peer.dialogueId}/registrations-by-org`);
      sendJson(res, result.created ? 201 : 200, { peer: result.peer });
    }),
  );

  server.get(
    "/api/peer/:id/registrations-by-org",
    peerRoute(deps, async ({ req, res, principal }) => {
      sendJson(res, 200, await s.queries.registrations(principal, dialogueIdOf(req.params.id)));
    }),
  );

  server.get(
    "/api/peer/:id/drafts",
    peerRoute(deps, async ({ req, res, principal }) => {
      sendJson(res, 200, { items: await s.drafts.list(principal, dialogueIdOf(req.params.id)) });
    }),
  );

  server.get(
    "/api/peer/:id/summary",
    peerRoute(deps, async ({ req, res, principal, lang }) => {
      const peer = await s.queries.get(principal, dialogueIdOf(req.params.id));
      if (peer.state !== "ended") throw new PeerError("notEnded");
      const markdown = await o.summaryMarkdown(peer.dialogueId, lang);
      if (markdown === undefined) throw new PeerError("notEnded");
      sendJson(res, 200, { dialogueId: peer.dialogueId, theme: peer.theme, markdown });
    }),
  );
}
