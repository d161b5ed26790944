import entryTemplate from "./entry.json";
import organisationTemplate from "./organisation.json";
import type { Entry, Organisation } from "../../directory";
import type { Language } from "../../../platform/i18n/i18n";
import { expandCard } from "../../../platform/teams/render-card";
import type { ExtensionResult } from "../../../platform/teams/message-extension";
import { extensionT } from "../handlers/texts";

/** Longest description an inserted card shows; the directory page has the rest. */
const MAX_DESCRIPTION = 500;

/** Data bound into `cards/entry.json`. */
export interface EntryCardData {
  kicker: string;
  title: string;
  notice: string;
  facts: { title: string; value: string }[];
  description: string;
  openLabel: string;
  url: string;
}

/** Data bound into `cards/organisation.json`. */
export interface OrganisationCardData {
  kicker: string;
  name: string;
  notice: string;
  facts: { title: string; value: string }[];
  openLabel: string;
  url: string;
}

const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** The organisation's name in the reader's language (Finnish is always there). */
export function organisationName(org: Pick<Organisation, "names"> | undefined, lang: Language): string {
  return org ? (org.names[lang] ?? org.names.fi) : "";
}

/**
 * A directory entry as an inserted card: what, who, when, where, and a link to its place in
 * the directory tab (none without a public URL). Entries the wider audience cannot see yet are
 * marked, so whoever shares one knows.
 */
export function entryResult(input: {
  entry: Entry;
  organisation?: Pick<Organisation, "names">;
  lang: Language;
  url: string;
}): ExtensionResult {
  const { entry: e, lang } = input;
  const t = extensionT(lang);
  const orgName = organisationName(input.organisation, lang);
  const section = t(`section.${e.section}`);
  const facts = [
    { title: t("entry.organisation"), value: orgName || e.orgId },
    ...(e.time.text ? [{ title: t("entry.when"), value: e.time.text }] : []),
    ...(e.places.length ? [{ title: t("entry.places"), value: e.places.join(", ") }] : []),
    ...(e.themes.length ? [{ title: t("entry.themes"), value: e.themes.join(", ") }] : []),
    ...(e.partners.length ? [{ title: t("entry.partners"), value: e.partners.join(", ") }] : []),
  ];
  const data: EntryCardData = {
    kicker: t("entry.kicker", { section }),
    title: e.title,
    notice: e.status === "published" ? "" : t("entry.notPublished"),
    facts,
    description: shorten(e.description, MAX_DESCRIPTION),
    openLabel: t("entry.open"),
    url: input.url,
  };
  const preview = [orgName, section, e.time.text].filter(Boolean).join(" · ");
  return { card: expandCard(entryTemplate, data), preview: { title: e.title, text: preview } };
}

/** An organisation's directory page as an unfurled card: its entries per section and a link. */
export function organisationResult(input: {
  organisation: Organisation;
  entries: readonly Entry[];
  lang: Language;
  url: string;
}): ExtensionResult {
  const { organisation: org, lang } = input;
  const t = extensionT(lang);
  const name = organisationName(org, lang);
  const facts = (["done", "upcoming", "other"] as const).map((section) => ({
    title: t(`section.${section}`),
    value: String(input.entries.filter((e) => e.section === section).length),
  }));
  const data: OrganisationCardData = {
    kicker: t("organisation.kicker"),
    name,
    notice: org.listingMissing ? t("organisation.listingMissing") : "",
    facts,
    openLabel: t("organisation.open"),
    url: input.url,
  };
  const text = `${t("organisation.entries")}: ${input.entries.length}`;
  return { card: expandCard(organisationTemplate, data), preview: { title: name, text } };
}
