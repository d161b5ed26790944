import type { Request, Response, Server } from "restify";
import { toCsv } from "../../platform/text/csv";
import { isDialogueId } from "../dialogues";
import { errorFields, type Logger } from "../../logger";
import { canFacilitate } from "./services/access";
import type { RoundsContext } from "./services/context";
import { SUMMARY_FORMATS, type LinkGrant, type SummaryFormat } from "./services/links";
import type { DialogueSummaryService } from "./services/summary-service";
import { roundsT } from "./services/texts";
import { isStoreUnavailable } from "../../platform/tables/errors";

/** Dependencies of {@link summaryRoutes}. */
export interface SummaryRouteDeps {
  rc: RoundsContext;
  summary: DialogueSummaryService;
  logger: Logger;
}

function send(res: Response, status: number, type: string, body: string | Buffer, filename?: string): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    ...(filename ? { "Content-Disposition": `attachment; filename="${filename}"` } : {}),
  });
  res.end(body);
}

const notFound = (res: Response) => send(res, 404, "text/plain; charset=utf-8", "Not found");

function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query as Record<string, unknown> | undefined) ?? {})) {
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

/**
 * Downloads opened from cards, authorised by the HMAC in the link (`rounds/links.ts`) and by the
 * signed-for user still being a facilitator or organiser of the dialogue:
 * - `GET /api/rounds/:id/groups-r:round.csv` — a round's groups, for setting up breakout rooms;
 * - `GET /api/rounds/:id/summary.(md|docx|csv)` — the anonymous summary after the dialogue.
 * Anything wrong gives the same 404, so links cannot probe ids; an expired link gives 410.
 */
export function summaryRoutes(deps: SummaryRouteDeps) {
  const { rc } = deps;

  /** Verifies the link and the user's role; sends the refusal and returns undefined when not allowed. */
  async function authorise(req: Request, res: Response, what: string): Promise<LinkGrant | undefined> {
    const id = String(req.params.id ?? "");
    const grant = isDialogueId(id) ? rc.links.verify(what, id, queryOf(req)) : undefined;
    if (grant === "expired") {
      send(res, 410, "text/plain; charset=utf-8", "Link expired: open the card again for a new link.");
      return undefined;
    }
    const dialogue = grant ? await rc.dialogues.load(id) : undefined;
    // The link names the user by an opaque handle: find who among the dialogue's people it is.
    const people = dialogue ? [...dialogue.organiserIds, ...dialogue.facilitators.map((f) => f.aadId)] : [];
    const userId = grant ? people.find((id) => rc.links.isWho(id, grant.who)) : undefined;
    if (!grant || !dialogue || !canFacilitate(dialogue, userId)) {
      notFound(res);
      return undefined;
    }
    return grant;
  }

  const guarded =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await fn(req, res);
      } catch (err) {
        deps.logger.warn("download failed", { path: req.path(), ...errorFields(err) });
        if (isStoreUnavailable(err)) {
          send(res, 503, "text/plain; charset=utf-8", "Temporarily unavailable – try again in a moment.");
        } else send(res, 500, "text/plain; charset=utf-8", "Internal error");
      }
    };

  return (server: Server): void => {
    server.get(
      "/api/rounds/:id/:file",
      guarded(async (req, res) => {
        const file = String(req.params.file ?? "");
        const groups = /^groups-r(\d{1,2})\.csv$/.exec(file);
        const summary = /^summary\.(\w+)$/.exec(file);
        if (groups) {
          const round = Number(groups[1]);
          const grant = await authorise(req, res, `groups-r${round}`);
          if (!grant) return;
          const t = roundsT(grant.lang);
          const list = await rc.groups.listRound(grant.dialogueId, round);
          const rows = list.flatMap((g) =>
            g.members.map((m) => [
              g.group,
              g.group,
              m.name,
              m.userId === g.scribeId ? t("controls.scribeMark") : "",
              m.language,
              m.organisation,
            ]),
          );
          const csv = toCsv([["group", "breakoutRoom", "name", "role", "language", "organisation"], ...rows]);
          deps.logger.info("group list exported", { dialogueId: grant.dialogueId, round, rows: rows.length });
          return send(
            res,
            200,
            "text/csv; charset=utf-8",
            csv,
            `${grant.dialogueId}-round${round}-groups.csv`,
          );
        }
        const format = summary?.[1] as SummaryFormat | undefined;
        if (!format || !(SUMMARY_FORMATS as readonly string[]).includes(format)) return notFound(res);
        const grant = await authorise(req, res, `summary.${format}`);
        if (!grant) return;
        const out = await deps.summary.export(grant.dialogueId, format, grant.lang);
        if (!out) return notFound(res);
        deps.logger.info("summary exported", { dialogueId: grant.dialogueId, format });
        send(res, 200, out.contentType, out.body, out.filename);
      }),
    );
  };
}
