import type { Next, Request, Response } from "restify";

/** The names a browser on this machine uses for a loopback server. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Local mode (no bot authentication, dev sign-in, `/dev/outbox`) answers only requests addressed
 * to a loopback name with this server's port. Binding to 127.0.0.1 keeps other machines out, but
 * not a web page in the developer's own browser: with DNS rebinding `evil.example` resolves to
 * 127.0.0.1 and its script may then read our answers as same-origin — yet its requests still say
 * `Host: evil.example`. 421 (Misdirected Request): this server is not that host.
 */
export function loopbackHostCheck() {
  return (req: Request, res: Response, next: Next): void => {
    const host = (req.headers.host ?? "").toLowerCase();
    const port = req.socket?.localPort;
    if (port !== undefined && LOOPBACK_NAMES.some((name) => host === `${name}:${port}`)) return next();
    res.writeHead(421, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(`Local mode answers only http://localhost:${port ?? ""}/ (and 127.0.0.1, [::1]).`);
    next(false);
  };
}
