import type { Request, Response, Next } from "restify";

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

/** Adds security headers to every response (CSP that lets Teams frame the tab, nosniff, referrer). */
export function securityHeaders(req: Request, res: Response, next: Next): void {
  res.setHeader("Content-Security-Policy", CSP);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (req.isSecure()) res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
}
