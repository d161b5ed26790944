import type { Request, Response, Server } from "restify";
import { html, SafeHtml, sendHtml } from "../http/html";
import type { OutboxSender } from "./outbox";

/**
 * `GET /dev/outbox` and `/dev/outbox/:id`: the local outbox as pages, so a developer (and the
 * browser tests) can open confirmation and manage links. Registered only in development/test
 * with the outbox adapter — never in production, since mails hold addresses and personal links.
 */
export function outboxRoutes(outbox: OutboxSender) {
  return (server: Server): void => {
    server.get("/dev/outbox", async (_req: Request, res: Response) => {
      const mails = await outbox.list();
      sendHtml(
        res,
        200,
        html`<html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Outbox (development)</title>
          </head>
          <body>
            <main>
              <h1>Outbox (development)</h1>
              <p>${mails.length} mails in ${outbox.dir}</p>
              <ul>
                ${mails.map(
                  (m) =>
                    html`<li><a href="/dev/outbox/${m.id}">${m.subject}</a> — ${m.to} — ${m.sentAt}</li>`,
                )}
              </ul>
            </main>
          </body>
        </html>`,
      );
    });

    server.get("/dev/outbox/:id", async (req: Request, res: Response) => {
      const mail = await outbox.get(String(req.params.id ?? ""));
      if (!mail)
        return sendHtml(
          res,
          404,
          html`<html lang="en">
            <title>Not found</title>
            <p>Not found</p>
          </html>`,
        );
      // The body is markup we rendered ourselves (escaped at the time), shown as the mail client would.
      const body = new SafeHtml(mail.html);
      sendHtml(
        res,
        200,
        html`<html lang="${mail.lang}">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${mail.subject}</title>
          </head>
          <body>
            <p><a href="/dev/outbox">Outbox</a></p>
            <dl>
              <dt>To</dt>
              <dd>${mail.to}</dd>
              <dt>Subject</dt>
              <dd>${mail.subject}</dd>
              <dt>Attachments</dt>
              <dd>${(mail.attachments ?? []).map((a) => a.name).join(", ") || "–"}</dd>
            </dl>
            <hr />
            ${body}
          </body>
        </html>`,
      );
    });
  };
}
