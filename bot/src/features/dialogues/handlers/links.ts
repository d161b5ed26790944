import { createLinkSigner } from "../../../platform/auth/link-signer";

/**
 * Capability links for downloads opened from cards (a browser, not the bot channel, fetches them,
 * so there is no Teams token): the URL carries an HMAC of what it grants, signed with the app's
 * secret. The calendar link grants one dialogue's public details; the CSV link grants one
 * organiser's export of one dialogue for a limited time.
 */
export interface DialogueLinks {
  calendarUrl(dialogueId: string): string | undefined;
  /** `lang`: the organiser card's language, which the export's headers and values follow. */
  csvUrl(dialogueId: string, organiserId: string, lang?: string): string | undefined;
  /** The opaque handle a CSV link carries for its organiser (an HMAC, never the object id). */
  who(userId: string): string;
  /** True when `handle` is the user's handle under the current or the previous key. */
  isWho(userId: string, handle: string): boolean;
  /** The public registration page of a dialogue open to everyone (not signed: the page is public). */
  registrationPageUrl(dialogue: { id: string; audience?: string }): string | undefined;
  verifyCalendar(dialogueId: string, token: string): boolean;
  /** Where readers of an invitation get help (shown in its footer); none when not configured. */
  support?: { email: string; url: string };
  /** Returns why a CSV link is refused, or undefined when valid (`who`: the link's `u`). */
  verifyCsv(
    dialogueId: string,
    who: string,
    expires: string,
    token: string,
  ): "invalid" | "expired" | undefined;
}

/** CSV links contain personal data: they stop working after a day. */
export const CSV_LINK_TTL_MS = 24 * 3600_000;

/**
 * Builds the link signer (the secret is LINK_SIGNING_SECRET: the same on every instance and across
 * restarts). Without a public URL (local tests without one) no links are offered.
 */
export function createDialogueLinks(opts: {
  secret: string;
  /** LINK_SIGNING_SECRET_PREVIOUS: links signed with it still verify (rotation). */
  previousSecret?: string;
  publicUrl?: string;
  now: () => Date;
  support?: { email: string; url: string };
}): DialogueLinks {
  const base = opts.publicUrl?.replace(/\/$/, "");
  const signer = createLinkSigner({ current: opts.secret, previous: opts.previousSecret });
  const sign = (what: string) => signer.sign(what);
  const who = (userId: string) => signer.handle(`who\n${userId}`, 22);
  return {
    support: opts.support,
    who,
    isWho: (userId, handle) => signer.isHandle(`who\n${userId}`, 22, handle),
    calendarUrl: (id) =>
      base && `${base}/api/dialogues/${encodeURIComponent(id)}/calendar.ics?t=${sign(`ics\n${id}`)}`,
    csvUrl(id, organiserId, lang) {
      if (!base) return undefined;
      const e = String(opts.now().getTime() + CSV_LINK_TTL_MS);
      const u = who(organiserId);
      const q = new URLSearchParams({ u, e, t: sign(`csv\n${id}\n${u}\n${e}`) });
      if (lang) q.set("l", lang);
      return `${base}/api/dialogues/${encodeURIComponent(id)}/registrants.csv?${q}`;
    },
    registrationPageUrl: (d) =>
      base && d.audience === "public" ? `${base}/register/${encodeURIComponent(d.id)}` : undefined,
    verifyCalendar: (id, token) => signer.verify(`ics\n${id}`, token),
    verifyCsv(id, u, expires, token) {
      if (!/^\d{1,15}$/.test(expires) || !signer.verify(`csv\n${id}\n${u}\n${expires}`, token))
        return "invalid";
      return Number(expires) < opts.now().getTime() ? "expired" : undefined;
    },
  };
}
