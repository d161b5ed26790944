import { isIP } from "node:net";
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

/** An address as written in X-Forwarded-For (`ip`, `ip:port`, `[v6]:port`) → the bare address, or undefined. */
function parseForwarded(entry: string): string | undefined {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  const bare = v6?.[1] ?? v4?.[1] ?? entry;
  return isIP(bare) ? bare : undefined;
}

/**
 * The client's address: the socket's peer, or with a trusted proxy the entry that proxy appended
 * to X-Forwarded-For. App Service's front end is one hop: it appends the address it saw (`ip:port`;
 * the port is dropped) after whatever the client sent, so the rightmost entry is the client and
 * every earlier one is the client's own word. An entry that is not an address cannot have come
 * from the proxy: then the socket counts. For abuse guards only — an address is personal data and
 * is not logged.
 */
export function clientAddress(req: Request, trust: ProxyTrust): string | undefined {
  const socket = req.socket?.remoteAddress;
  if (!trust.trustProxy) return socket;
  const forwarded = last(req.header("x-forwarded-for"));
  if (!forwarded) return socket;
  return parseForwarded(forwarded) ?? socket;
}

/** The eight 16-bit groups of an IPv6 address (with an embedded IPv4 tail), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.split("%")[0]!.toLowerCase();
  const v4tail = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4tail) {
    const [a, b, c, d] = v4tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail, more] = text.split("::");
  if (more !== undefined) return undefined;
  const part = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const left = part(head);
  const right = part(tail);
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<number>(Math.max(0, fill)).fill(0), ...right];
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * The key an abuse guard counts an address under. IPv4 as is; IPv6 by its /64, because one
 * subscriber gets a whole /64 and picks any address in it at will (privacy addresses), so a
 * per-address budget would be no budget; an IPv4-mapped IPv6 address is its IPv4 address.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const g = ipv6Groups(address);
  if (!g) return address;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
    return [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255].join(".");
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(":")}::/64`;
}

/** {@link clientAddress} as an abuse-guard key ({@link addressKey}): what rate limits count by. */
export function clientKey(req: Request, trust: ProxyTrust): string {
  return addressKey(clientAddress(req, trust));
}
