import { createLinkSigner } from "../../../platform/auth/link-signer";
import type { Language } from "../../../platform/i18n/i18n";

/** Formats the summary can be downloaded in. */
export const SUMMARY_FORMATS = ["md", "docx", "csv"] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** Download links of group lists and summaries contain personal or sensitive data: they expire. */
export const ROUND_LINK_TTL_MS = 24 * 3600_000;

/** What a verified link grants. */
export interface LinkGrant {
  dialogueId: string;
  /** The signed-for user's opaque handle ({@link RoundLinks.who}); the URL never holds the object id. */
  who: string;
  lang: Language;
}

/**
 * Capability links for downloads opened from cards (a browser fetches them, with no Teams
 * token): the URL carries an HMAC of what it grants — one user's export of one dialogue's
 * group list or summary, in one language, until an expiry — signed with the app's secret.
 */
export interface RoundLinks {
  groupsCsvUrl(dialogueId: string, round: number, userId: string, lang: Language): string | undefined;
  summaryUrl(dialogueId: string, format: SummaryFormat, userId: string, lang: Language): string | undefined;
  /** The opaque handle a link carries for a user: an HMAC of the object id, not the id itself. */
  who(userId: string): string;
  /** True when `handle` is the user's handle under the current or the previous key. */
  isWho(userId: string, handle: string): boolean;
  /** Returns the grant, "expired", or undefined when the link is not ours. */
  verify(what: string, dialogueId: string, query: Record<string, string>): LinkGrant | "expired" | undefined;
}

/**
 * Builds the signer (the secret is LINK_SIGNING_SECRET: the same on every instance and across
 * restarts, so links keep working; LINK_SIGNING_SECRET_PREVIOUS still verifies after a
 * rotation). Without a public URL no links are offered.
 */
export function createRoundLinks(opts: {
  secret: string;
  previousSecret?: string;
  publicUrl?: string;
  now: () => Date;
}): RoundLinks {
  const base = opts.publicUrl?.replace(/\/$/, "");
  const signer = createLinkSigner({ current: opts.secret, previous: opts.previousSecret });
  const data = (parts: string[]) => ["rounds", ...parts].join("\n");
  const sign = (parts: string[]) => signer.sign(data(parts));
  const who = (userId: string) => signer.handle(data(["who", userId]), 22);
  const url = (dialogueId: string, file: string, what: string, userId: string, lang: Language) => {
    if (!base) return undefined;
    const e = String(opts.now().getTime() + ROUND_LINK_TTL_MS);
    const u = who(userId);
    const q = new URLSearchParams({ u, l: lang, e, t: sign([what, dialogueId, u, lang, e]) });
    return `${base}/api/rounds/${encodeURIComponent(dialogueId)}/${file}?${q}`;
  };
  return {
    who,
    isWho: (userId, handle) => signer.isHandle(data(["who", userId]), 22, handle),
    groupsCsvUrl: (id, round, userId, lang) =>
      url(id, `groups-r${round}.csv`, `groups-r${round}`, userId, lang),
    summaryUrl: (id, format, userId, lang) => url(id, `summary.${format}`, `summary.${format}`, userId, lang),
    verify(what, dialogueId, q) {
      const { u = "", l = "", e = "", t = "" } = q;
      if (!u || !/^(?:fi|sv|en)$/.test(l) || !/^\d{1,15}$/.test(e)) return undefined;
      if (!signer.verify(data([what, dialogueId, u, l, e]), t)) return undefined;
      if (Number(e) < opts.now().getTime()) return "expired";
      return { dialogueId, who: u, lang: l as Language };
    },
  };
}
