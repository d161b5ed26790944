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

/** Where the deploy guide explains the mail permission and its access policy. */
const POLICY_DOC = "docs/deploy.md, section 'Mail for public registration'";

/**
 * Public registration sends mail from a government mailbox to any address typed into a public
 * page, so outside local mode it starts only fully configured, and fails closed otherwise:
 * - `MAIL_SENDER` and Microsoft Graph (`GRAPH_*` or a managed identity): a real sender. The outbox
 *   on disk, which /dev/outbox shows to anyone who can reach the server, is for local mode only.
 * - `PUBLIC_URL`: the links in the mails.
 * - `PUBLIC_REGISTRATION_SECRET`: keys the address HMACs and signs confirm and manage links. A
 *   per-process fallback would break every link on a restart and between instances.
 * - `MAIL_SEND_RESTRICTED_TO` equal to `MAIL_SENDER`: the operator's statement that the Exchange
 *   application access policy confines the app's `Mail.Send` to that one mailbox. Graph cannot
 *   read the policy, and without it the permission lets the app send as every mailbox of the
 *   tenant; a changed sender needs the statement (and the policy) again.
 * `fallbackSecret` (the dev token secret) keys the HMACs in local mode only.
 */
export function publicRegistrationConfig(
  e: Env,
  mode: { localMode: boolean; graph: boolean },
  fallbackSecret: string,
): PublicRegistrationConfig {
  const { localMode } = mode;
  const enabled = e.PUBLIC_REGISTRATION ?? (localMode || Boolean(e.MAIL_SENDER));
  if (!localMode && enabled) {
    if (!e.MAIL_SENDER)
      throw new ConfigError("MAIL_SENDER: required when PUBLIC_REGISTRATION is on outside local mode");
    if (!e.PUBLIC_URL)
      throw new ConfigError("PUBLIC_URL: required for public registration (links in e-mails)");
    if (!e.PUBLIC_REGISTRATION_SECRET)
      throw new ConfigError(
        "PUBLIC_REGISTRATION_SECRET: required for public registration outside local mode (32+ random characters, the same on every instance, so links survive restarts)",
      );
    if (!mode.graph)
      throw new ConfigError(
        "GRAPH_CREDENTIAL: public registration sends mail through Microsoft Graph; configure GRAPH_* (or a managed identity) outside local mode",
      );
    if (e.MAIL_SEND_RESTRICTED_TO?.toLowerCase() !== e.MAIL_SENDER.toLowerCase())
      throw new ConfigError(
        `MAIL_SEND_RESTRICTED_TO: set it to MAIL_SENDER once an Exchange application access policy confines the app's Mail.Send to that mailbox (${POLICY_DOC})`,
      );
  }
  return {
    enabled,
    sender: e.MAIL_SENDER,
    outboxDir: path.resolve(e.MAIL_OUTBOX_DIR),
    secret: e.PUBLIC_REGISTRATION_SECRET ?? fallbackSecret,
  };
}
