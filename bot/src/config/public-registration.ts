import path from "node:path";
import type { Env } from "./env-schema";
import { ConfigError } from "./errors";

/**
 * Public registration (people outside the tenant, by e-mail). `sender` is the mailbox Graph
 * `sendMail` sends as; without one, development writes mails to `outboxDir` instead.
 * `secret` keys the e-mail HMACs and signs confirm/manage links: stable across instances.
 */
export interface PublicRegistrationConfig {
  enabled: boolean;
  sender?: string;
  outboxDir: string;
  secret: string;
}

/**
 * Only a developer machine (local mode) writes mail to the outbox, which /dev/outbox shows to
 * anyone who can reach the server: anywhere else public registration is off unless a sender is
 * configured, and asking for it without one stops the start. `fallbackSecret` (the dev token
 * secret) keys the HMACs when `PUBLIC_REGISTRATION_SECRET` is unset outside production.
 */
export function publicRegistrationConfig(
  e: Env,
  mode: { production: boolean; localMode: boolean },
  fallbackSecret: string,
): PublicRegistrationConfig {
  const { production, localMode } = mode;
  const enabled = e.PUBLIC_REGISTRATION ?? (localMode || Boolean(e.MAIL_SENDER));
  if (!localMode && enabled && !e.MAIL_SENDER)
    throw new ConfigError("MAIL_SENDER: required when PUBLIC_REGISTRATION is on outside local mode");
  if (production && enabled) {
    if (!e.PUBLIC_URL)
      throw new ConfigError("PUBLIC_URL: required for public registration (links in e-mails)");
    if (!e.PUBLIC_REGISTRATION_SECRET)
      throw new ConfigError(
        "PUBLIC_REGISTRATION_SECRET: required for public registration in production (32+ random characters)",
      );
  }
  return {
    enabled,
    sender: e.MAIL_SENDER,
    outboxDir: path.resolve(e.MAIL_OUTBOX_DIR),
    secret: e.PUBLIC_REGISTRATION_SECRET ?? fallbackSecret,
  };
}
