import type { Request, Response, Server } from "restify";
import type { Language } from "../../platform/i18n/i18n";
import { LANGUAGES, toLanguage } from "../../platform/i18n/i18n";
import { registrantsCsv } from "./handlers/registrants-csv";
import { dialogueCalendar } from "./domain/calendar";
import { isDialogueId } from "./domain/ids";
import type { DialogueStore } from "./domain/ports";
import type { RegistrationService } from "./domain/registration-service";
import { isOrganiser } from "./domain/user-state";
import type { Logger } from "../../logger";
import type { DialogueLinks } from "./handlers/links";
import { dialogueT } from "./handlers/texts";
import type { ExternalChannelHook } from "./handlers/external";
import { isExternalUserId } from "./domain/ids";

/** Dependencies of {@link dialogueDownloadRoutes}. */
export interface DownloadRouteDeps {
  dialogues: DialogueStore;
  registrations: RegistrationService;
  links: DialogueLinks;
  logger: Logger;
  /** Public registrants' shared contact details (their consent decides; see public-registration). */
  external?: ExternalChannelHook;
}

function send(res: Response, status: number, type: string, body: string, filename?: string): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    ...(filename ? { "Content-Disposition": `attachment; filename="${filename}"` } : {}),
  });
  res.end(body);
}

const query = (req: Request, name: string) => {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
};

/**
 * `GET /api/dialogues/:id/calendar.ics?t=` and `GET /api/dialogues/:id/registrants.csv?u=&e=&t=`:
 * downloads opened from cards, authorised by the HMAC in the link (see links.ts). Anything
 * wrong gives the same 404, so links cannot be used to probe ids.
 */
export function dialogueDownloadRoutes(deps: DownloadRouteDeps) {
  return (server: Server): void => {
    server.get("/api/dialogues/:id/calendar.ics", async (req: Request, res: Response) => {
      const id = String(req.params.id ?? "");
      const lang: Language = toLanguage(req.header("accept-language"));
      const dialogue =
        isDialogueId(id) && deps.links.verifyCalendar(id, query(req, "t"))
          ? await deps.dialogues.get(id)
          : undefined;
      if (!dialogue) return send(res, 404, "text/plain; charset=utf-8", "Not found");
      const t = dialogueT(lang);
      const ics = dialogueCalendar(dialogue, {
        themesHeading: t("card.themes"),
        agendaHeading: t("card.agenda"),
        breakoutLabel: t("card.breakout"),
      });
      send(res, 200, "text/calendar; charset=utf-8", ics, `${id}.ics`);
    });

    server.get("/api/dialogues/:id/registrants.csv", async (req: Request, res: Response) => {
      const id = String(req.params.id ?? "");
      const who = query(req, "u");
      const refusal = isDialogueId(id)
        ? deps.links.verifyCsv(id, who, query(req, "e"), query(req, "t"))
        : "invalid";
      if (refusal === "expired")
        return send(res, 410, "text/plain; charset=utf-8", "Link expired: open the organiser card again.");
      const dialogue = refusal ? undefined : await deps.dialogues.get(id);
      // The link was signed for an organiser (by opaque handle); they must still be one.
      const organiserId = dialogue?.organiserIds.find((o) => deps.links.isWho(o, who));
      if (!dialogue || !isOrganiser(dialogue, organiserId))
        return send(res, 404, "text/plain; charset=utf-8", "Not found");
      const rows = await deps.registrations.active(id);
      // External registrants appear by name and e-mail only when they consented to share them.
      const channel = deps.external?.current();
      const contacts = new Map<string, { name: string; email: string }>();
      for (const r of rows) {
        if (!isExternalUserId(r.userId) || !channel) continue;
        const c = await channel.sharedContact(id, r.userId);
        if (c) contacts.set(r.userId, c);
      }
      // The organiser card's language (`l`; it only picks labels, so it is not signed), else the browser's.
      const l = query(req, "l");
      const lang: Language = (LANGUAGES as readonly string[]).includes(l)
        ? (l as Language)
        : toLanguage(req.header("accept-language"));
      const externalLabel = dialogueT(lang)("organiser.externalAnonymous");
      const csv = registrantsCsv(
        rows.map((r) => {
          const external = isExternalUserId(r.userId);
          const contact = contacts.get(r.userId);
          const name = external ? (contact?.name ?? externalLabel) : r.name;
          return { registration: r, name, external, email: contact?.email ?? "" };
        }),
        lang,
      );
      deps.logger.info("registrants exported", { dialogueId: id, rows: rows.length });
      send(res, 200, "text/csv; charset=utf-8", csv, `${id}-registrants.csv`);
    });
  };
}
