import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Env } from "./env-schema";
import { ConfigError } from "./errors";

/**
 * The link signing secret (≥ 32 bytes). On a developer machine (local mode, or Teams Toolkit's
 * local debug) main.ts falls back to a secret persisted under .data/; a deployment must configure
 * one shared by all its instances.
 */
export function linkSigningConfig(
  e: Env,
  production: boolean,
  tool: boolean,
): { linkSigningSecret: string | undefined; linkSecretFile: string } {
  const linkSigningSecret = e.LINK_SIGNING_SECRET;
  if (linkSigningSecret !== undefined && Buffer.byteLength(linkSigningSecret) < 32) {
    throw new ConfigError("LINK_SIGNING_SECRET: at least 32 bytes (e.g. `openssl rand -base64 48`)");
  }
  const deployed = production || Boolean(e.WEBSITE_SITE_NAME || e.WEBSITE_INSTANCE_ID);
  if (!linkSigningSecret && deployed && !tool) {
    throw new ConfigError(
      "LINK_SIGNING_SECRET: required in production (≥ 32 bytes, the same on every instance) so download and calendar links survive restarts",
    );
  }
  return { linkSigningSecret, linkSecretFile: path.resolve(".data", "link-signing-secret") };
}

/** A per-process random secret unless one is given: dev tokens then die with the process. */
export function devTokenSecretOf(e: Env): string {
  return e.DEV_TOKEN_SECRET ?? randomBytes(32).toString("hex");
}
