/**
 * A small gazetteer for the importer: the places and partner organisations that the listing
 * mentions, each with the inflected forms in which Finnish text names them ("Hyvinkään",
 * "Uuttamaata"). Deliberately small and explicit — a wrong guess would end up in a public
 * record, a missing one only leaves a field empty for the author to fill in.
 */

interface Name {
  name: string;
  /** Lowercase word forms (stems ending in `*` match any ending). */
  forms: string[];
}

const PLACES: Name[] = [
  { name: "Utsjoki", forms: ["utsjoki", "utsjoe*"] },
  { name: "Teno", forms: ["teno", "tenon", "tenolla", "tenojoe*", "tenojoki"] },
  { name: "Kemijärvi", forms: ["kemijärvi", "kemijärve*"] },
  { name: "Tampere", forms: ["tampere*"] },
  { name: "Raasepori", forms: ["raasepori*"] },
  { name: "Saimaa", forms: ["saimaa", "saimaan", "saimaalla", "saimaalle", "saimaalta"] },
  { name: "Etelä-Savo", forms: ["etelä-savo*"] },
  { name: "Hyvinkää", forms: ["hyvinkää*"] },
  { name: "Turku", forms: ["turku", "turun", "turussa", "turkuun", "turusta"] },
  { name: "Uusimaa", forms: ["uusimaa", "uudenmaan", "uuttamaata", "uudellamaalla", "uudellemaalle"] },
  { name: "Helsinki", forms: ["helsinki", "helsingi*", "helsinkiin"] },
  { name: "Etelä-Suomi", forms: ["etelä-suome*", "etelä-suomi"] },
];

const PARTNERS: Name[] = [
  { name: "Erätauko-säätiö", forms: ["erätauko-säätiö*"] },
  { name: "Etnisten suhteiden neuvottelukunta", forms: ["etnisten suhteiden neuvottelukun*"] },
  { name: "Valtioneuvoston kanslia", forms: ["valtioneuvoston kanslia*"] },
  { name: "Ilmaston ja ilmakehän osaamiskeskus (ACCC)", forms: ["accc"] },
  { name: "KEINO-osaamiskeskus", forms: ["keino-osaamiskeskus*"] },
  { name: "Hyvinkään lukio", forms: ["hyvinkään lukio*"] },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(names: Name[]): [string, RegExp][] {
  return names.map((n) => {
    const alternatives = n.forms.map((f) =>
      f.endsWith("*") ? `${escape(f.slice(0, -1))}\\p{L}*` : escape(f),
    );
    return [n.name, new RegExp(`(?<![\\p{L}-])(?:${alternatives.join("|")})(?![\\p{L}-])`, "iu")];
  });
}

const PLACE_RULES = compile(PLACES);
const PARTNER_RULES = compile(PARTNERS);

const matches = (rules: [string, RegExp][], text: string) =>
  rules.filter(([, re]) => re.test(text)).map(([name]) => name);

/** Known places named in the text, in gazetteer order. */
export function findPlaces(text: string): string[] {
  return matches(PLACE_RULES, text);
}

/** Known partner organisations named in the text. */
export function findPartners(text: string): string[] {
  return matches(PARTNER_RULES, text);
}
