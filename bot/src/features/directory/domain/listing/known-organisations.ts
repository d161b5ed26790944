import { slugify } from "../ids";
import type { OrganisationFields, OrgType } from "../types";

/**
 * The organisations of the 2021 peer-dialogue listing (seed 001) with their official Swedish
 * and English names and abbreviations. Listing headings are matched loosely ("Ilmatieteenlaitos",
 * "Sosiaali ja terveysministeriö/…"), so each entry lists the spellings seen in the wild.
 */
export interface KnownOrganisation {
  id: string;
  shortName: string;
  names: { fi: string; sv: string; en: string };
  type: OrgType;
  aliases: string[];
}

export const KNOWN_ORGANISATIONS: readonly KnownOrganisation[] = [
  {
    id: "il",
    shortName: "IL",
    names: {
      fi: "Ilmatieteen laitos",
      sv: "Meteorologiska institutet",
      en: "Finnish Meteorological Institute",
    },
    type: "agency",
    aliases: ["Ilmatieteenlaitos", "FMI"],
  },
  {
    id: "mmm",
    shortName: "MMM",
    names: {
      fi: "Maa- ja metsätalousministeriö",
      sv: "Jord- och skogsbruksministeriet",
      en: "Ministry of Agriculture and Forestry",
    },
    type: "ministry",
    aliases: [],
  },
  {
    id: "om",
    shortName: "OM",
    names: { fi: "Oikeusministeriö", sv: "Justitieministeriet", en: "Ministry of Justice" },
    type: "ministry",
    aliases: [],
  },
  {
    id: "oph",
    shortName: "OPH",
    names: { fi: "Opetushallitus", sv: "Utbildningsstyrelsen", en: "Finnish National Agency for Education" },
    type: "agency",
    aliases: [],
  },
  {
    id: "sm",
    shortName: "SM",
    names: { fi: "Sisäministeriö", sv: "Inrikesministeriet", en: "Ministry of the Interior" },
    type: "ministry",
    aliases: [],
  },
  {
    id: "syke",
    shortName: "SYKE",
    names: { fi: "Suomen ympäristökeskus", sv: "Finlands miljöcentral", en: "Finnish Environment Institute" },
    type: "agency",
    aliases: ["Suomen ympäristökeskus (SYKE)"],
  },
  {
    id: "stm",
    shortName: "STM",
    names: {
      fi: "Sosiaali- ja terveysministeriö",
      sv: "Social- och hälsovårdsministeriet",
      en: "Ministry of Social Affairs and Health",
    },
    type: "ministry",
    aliases: ["Sosiaali ja terveysministeriö"],
  },
  {
    id: "vnk",
    shortName: "VNK",
    names: { fi: "Valtioneuvoston kanslia", sv: "Statsrådets kansli", en: "Prime Minister's Office" },
    type: "ministry",
    aliases: [],
  },
  {
    id: "vm",
    shortName: "VM",
    names: { fi: "Valtiovarainministeriö", sv: "Finansministeriet", en: "Ministry of Finance" },
    type: "ministry",
    aliases: [],
  },
  {
    id: "uudenmaan-ely",
    shortName: "Uudenmaan ELY",
    names: {
      fi: "Uudenmaan ELY-keskus",
      sv: "NTM-centralen i Nyland",
      en: "Uusimaa Centre for Economic Development, Transport and the Environment",
    },
    type: "ely",
    aliases: ["Uudenmaan elinkeino-, liikenne- ja ympäristökeskus"],
  },
];

/** Comparison key: letters and digits only, lowercase, parenthesised abbreviations dropped. */
const key = (s: string) =>
  s
    .normalize("NFC")
    .toLowerCase()
    .replace(/\([^)]*\)/g, "")
    .replace(/[^\p{L}\p{N}]/gu, "");

/**
 * Organisation fields for a listing heading. A heading may name a unit after a slash
 * ("Sosiaali ja terveysministeriö/työ- ja tasa-arvo-osasto/…"): the organisation is the first
 * part and the unit becomes the contact. Unknown headings get a slug id and a guessed type.
 */
export function organisationForHeading(heading: string): { id: string; fields: OrganisationFields } {
  const [first = heading, ...unitParts] = heading.split("/").map((s) => s.trim());
  const unit = unitParts.filter(Boolean).join(" / ");
  const k = key(first);
  const known = KNOWN_ORGANISATIONS.find(
    (o) => key(o.names.fi) === k || key(o.shortName) === k || o.aliases.some((a) => key(a) === k),
  );
  const contact = unit ? unit.charAt(0).toUpperCase() + unit.slice(1) : undefined;
  if (known) {
    return {
      id: known.id,
      fields: {
        shortName: known.shortName,
        names: { ...known.names },
        type: known.type,
        ...(contact ? { contact } : {}),
        listingMissing: false,
        requiresReview: false,
      },
    };
  }
  const abbreviation = /\(([\p{Lu}\d-]{2,12})\)/u.exec(first)?.[1];
  const name = first.replace(/\s*\([^)]*\)\s*/g, " ").trim();
  const type: OrgType = /ministeriö$/i.test(name)
    ? "ministry"
    : /ely-keskus/i.test(name)
      ? "ely"
      : /laitos|virasto|hallitus|keskus/i.test(name)
        ? "agency"
        : "other";
  return {
    id: slugify(abbreviation ?? name),
    fields: {
      shortName: (abbreviation ?? name).slice(0, 40),
      names: { fi: name },
      type,
      ...(contact ? { contact } : {}),
      listingMissing: false,
      requiresReview: false,
    },
  };
}
