import type { Logger } from "../../../logger";
import type { ProxyTrust } from "../../../platform/http/proxy";
import type { RateLimiter } from "../../../platform/http/rate-limit";
import type { PublicAccess } from "../../dialogues";
import type { Tokens } from "../domain/tokens";
import type { PublicRegistrationService } from "../service";

/** Abuse limits (token buckets per instance; see docs/public-registration.md). */
export interface PublicLimits {
  /** Every POST, per client address. */
  perIp: RateLimiter;
  /** Registration submits, per dialogue. */
  perDialogue: RateLimiter;
  /** Registration submits, per (hashed) e-mail address: bounds mails to one mailbox. */
  perEmail: RateLimiter;
  /** A form sent sooner than this after it was served is refused (bots fill instantly). */
  minFillMs: number;
  /** …or later than this (a stale token). */
  maxFillMs: number;
}

/** Dependencies of the public registration routes. */
export interface PublicRoutesDeps {
  service: PublicRegistrationService;
  access: Pick<PublicAccess, "dialogue" | "counts" | "registration">;
  tokens: Tokens;
  limits: PublicLimits;
  now: () => Date;
  logger: Logger;
  /** Whose X-Forwarded-For to believe (config `TRUST_PROXY`); the socket's peer when omitted. */
  proxy?: ProxyTrust;
  /** The data-protection contact named in the privacy notice (config.support.email). */
  contact?: string;
}
