import type { Request, Response, Next } from "restify";
import { isHttps, type ProxyTrust } from "./proxy";

/** Hosts allowed to frame the tab: Teams web/desktop, Outlook and Microsoft 365 app hosts. */
const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.skype.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
];

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI (Griffel) injects style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
].join("; ");

/** When to send HSTS: always (production / https PUBLIC_URL), or when the request came over HTTPS. */
export interface SecurityHeaderOptions extends ProxyTrust {
  hsts: boolean;
}

/** One year; browsers ignore the header on plain-HTTP responses, so sending it there is harmless. */
const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Adds security headers to every response (CSP that lets Teams frame the tab, nosniff, referrer,
 * HSTS). In App Service TLS ends at the front end, so `req.isSecure()` alone never sees HTTPS.
 */
export function securityHeaders(options: SecurityHeaderOptions = { hsts: false, trustProxy: false }) {
  return (req: Request, res: Response, next: Next): void => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (options.hsts || isHttps(req, options)) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
