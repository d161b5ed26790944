import type { Env } from "./env-schema";
import { ConfigError } from "./errors";

/** What to tell someone who asked for a local-mode-only switch outside local mode. */
export const LOCAL_HINT =
  "on a developer machine start with `npm start` (it passes --local) or set LOCAL_MODE=true with HOST=127.0.0.1";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "[::1]", "localhost"]);
/** Hosts of tunnel services that make a local port public. */
const TUNNEL_HOST =
  /(?:^|\.)(?:devtunnels\.ms|ngrok\.io|ngrok-free\.app|ngrok\.app|ngrok\.dev|trycloudflare\.com|loca\.lt|localhost\.run)$/i;

function hostOf(value: string): string {
  try {
    return new URL(value.includes("://") ? value : `https://${value}`).hostname.toLowerCase();
  } catch {
    return value.toLowerCase();
  }
}

/**
 * Local mode runs without Bot Framework auth and with dev sign-in, so it must be unreachable from
 * outside this machine: loopback HOST, no public URL, no tunnel, not on App Service, not production.
 */
export function checkLocalModeAllowed(e: Env): void {
  const refuse = (why: string) => {
    throw new ConfigError(
      `LOCAL_MODE: refused because ${why}. Local mode turns off bot authentication and enables dev sign-in, so it only runs on a loopback HOST without a public URL or tunnel; configure MicrosoftAppId and Teams SSO instead`,
    );
  };
  if (e.NODE_ENV === "production") refuse("NODE_ENV=production");
  if (e.WEBSITE_SITE_NAME || e.WEBSITE_INSTANCE_ID) refuse("this is Azure App Service (WEBSITE_SITE_NAME)");
  if (!LOOPBACK_HOSTS.has(e.HOST.toLowerCase())) refuse(`HOST=${e.HOST} is not a loopback address`);
  const urls = {
    PUBLIC_URL: e.PUBLIC_URL,
    BOT_ENDPOINT: e.BOT_ENDPOINT,
    BOT_DOMAIN: e.BOT_DOMAIN,
    TAB_ENDPOINT: e.TAB_ENDPOINT,
    TAB_DOMAIN: e.TAB_DOMAIN,
  };
  for (const [name, value] of Object.entries(urls)) {
    if (!value) continue;
    const host = hostOf(value);
    if (TUNNEL_HOST.test(host)) refuse(`${name} points at a tunnel (${host})`);
    if (!LOOPBACK_HOSTS.has(host)) refuse(`${name} is public (${host})`);
  }
}

/**
 * The address a local run serves on (`http://127.0.0.1:3978`): links in cards (public page,
 * CSV export, calendar file) need one, and on a developer machine this is it. Port 0 (a free
 * port chosen at listen time) has no address to give yet.
 */
export function localAddress(host: string, port: number): string | undefined {
  if (!port) return undefined;
  const h = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${h}:${port}`;
}
