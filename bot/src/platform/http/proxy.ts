import type { Request } from "restify";

/**
 * What the server may believe about the original request. In Azure App Service TLS ends at the
 * front end, which forwards plain HTTP with `X-Forwarded-Proto` / `X-Forwarded-For`; anyone can
 * send those headers to a server that is reached directly, so they count only when configured
 * (`TRUST_PROXY`).
 */
export interface ProxyTrust {
  trustProxy: boolean;
}

const last = (header: string | undefined): string | undefined =>
  header?.split(",").pop()?.trim().toLowerCase() || undefined;

/** True when the client reached us over HTTPS (directly, or via a trusted proxy that says so). */
export function isHttps(req: Request, trust: ProxyTrust): boolean {
  if (req.isSecure()) return true;
  // The proxy appends its own value: the last one is the one it saw, earlier ones came from the client.
  return trust.trustProxy && last(req.header("x-forwarded-proto")) === "https";
}

/**
 * The client's address: the socket's peer, or with a trusted proxy the entry that proxy appended
 * to X-Forwarded-For (App Service writes `ip:port`; the port is dropped). For abuse guards only —
 * an address is personal data and is not logged.
 */
export function clientAddress(req: Request, trust: ProxyTrust): string | undefined {
  const socket = req.socket?.remoteAddress;
  if (!trust.trustProxy) return socket;
  const forwarded = last(req.header("x-forwarded-for"));
  if (!forwarded) return socket;
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(forwarded);
  if (v6) return v6[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(forwarded);
  return v4 ? v4[1] : forwarded;
}
