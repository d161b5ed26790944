import type { Env } from "./env-schema";

/**
 * Where people get help when no developer is at hand (help card, invitation footer, tab footer,
 * the accessibility statement's feedback address). Defaults: the national dialogues' mailbox
 * and site, so a local install shows a real contact; a deployment sets its own.
 */
export const DEFAULT_SUPPORT = {
  email: "kansallisetdialogit@gov.fi",
  url: "https://kansallisetdialogit.fi",
} as const;

/** Support contact shown to users (`SUPPORT_EMAIL`, `SUPPORT_URL`; see {@link DEFAULT_SUPPORT}). */
export interface SupportConfig {
  email: string;
  url: string;
}

/** `SUPPORT_EMAIL` and `SUPPORT_URL`, each falling back to {@link DEFAULT_SUPPORT}. */
export function supportConfig(e: Env): SupportConfig {
  return {
    email: e.SUPPORT_EMAIL ?? DEFAULT_SUPPORT.email,
    url: e.SUPPORT_URL ?? DEFAULT_SUPPORT.url,
  };
}
