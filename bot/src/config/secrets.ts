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
): {
  linkSigningSecret: string | undefined;
  linkSigningPreviousSecret: string | undefined;
  linkSecretFile: string;
} {
  const linkSigningSecret = checkedLinkSecret("LINK_SIGNING_SECRET", e.LINK_SIGNING_SECRET);
  const linkSigningPreviousSecret = checkedLinkSecret(
    "LINK_SIGNING_SECRET_PREVIOUS",
    e.LINK_SIGNING_SECRET_PREVIOUS,
  );
  const deployed = production || Boolean(e.WEBSITE_SITE_NAME || e.WEBSITE_INSTANCE_ID);
  if (!linkSigningSecret && deployed && !tool) {
    throw new ConfigError(
      "LINK_SIGNING_SECRET: required in production (≥ 32 bytes, the same on every instance) so download and calendar links survive restarts",
    );
  }
  if (linkSigningPreviousSecret && !linkSigningSecret) {
    throw new ConfigError("LINK_SIGNING_SECRET_PREVIOUS: only together with LINK_SIGNING_SECRET");
  }
  return {
    linkSigningSecret,
    linkSigningPreviousSecret,
    linkSecretFile: path.resolve(".data", "link-signing-secret"),
  };
}

/**
 * A link secret is ≥ 32 bytes, and never an unresolved Key Vault reference: App Service passes
 * `@Microsoft.KeyVault(…)` through literally when it cannot resolve it, and that text is in the
 * template for anyone to read — signing with it would let anyone forge links.
 */
function checkedLinkSecret(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^@Microsoft\.KeyVault\(/i.test(value.trim())) {
    throw new ConfigError(
      `${name}: the Key Vault reference was not resolved (check the secret exists and the app's identity may read it)`,
    );
  }
  if (Buffer.byteLength(value) < 32) {
    throw new ConfigError(`${name}: at least 32 bytes (e.g. \`openssl rand -base64 48\`)`);
  }
  return value;
}

/** A per-process random secret unless one is given: dev tokens then die with the process. */
export function devTokenSecretOf(e: Env): string {
  return e.DEV_TOKEN_SECRET ?? randomBytes(32).toString("hex");
}
