import type { WorkArea } from "../types";

/**
 * Keyword rules that suggest themes (free Finnish tags) and open-government work areas (seed 003)
 * for imported bullets. Word stems, not whole words, so inflected forms match ("osallisuuden",
 * "osallistumista"). Authors refine the tags in the tab; the rules only give the listing a start.
 */

type Rule<T> = [T, RegExp];
const stems = (...words: string[]) => new RegExp(`(?<![\\p{L}])(?:${words.join("|")})`, "iu");

const THEMES: Rule<string>[] = [
  ["Erätauko", stems("erätauko")],
  ["ilmasto", stems("ilmasto")],
  ["kalastus", stems("kalastu", "kalan\\b", "kala-ala", "kotimaisen kalan")],
  ["luonnonsuojelu", stems("luonnonsuojel", "suojelu", "norp")],
  ["ruoka", stems("ruoka", "ruuan", "ruoan")],
  ["maaseutu", stems("maaseutu")],
  ["demokratia", stems("demokratia")],
  ["osallisuus", stems("osallisuu", "osallistu", "kansalaisraati", "kansalaiskeskustel")],
  ["nuoret", stems("nuor(?:et|ten|ia|ille|ison)", "nuoria")],
  ["tulevaisuus", stems("tulevaisuu", "ennakointi")],
  ["koulutus", stems("koulutu", "koulu", "oppilai", "oppitunti", "varhaiskasvatu")],
  ["tasa-arvo", stems("tasa-arvo")],
  ["etätyö", stems("etätyö")],
  ["johtaminen", stems("johtami", "esimie", "esihenkilö")],
  [
    "työyhteisö",
    stems("henkilöstö", "organisaation sisällä", "organisaation arje", "sisäi", "uusien työntekijöiden"),
  ],
  ["kestävä kehitys", stems("kestäv")],
  ["maahanmuutto", stems("maahanmuutt", "kielitaust")],
  ["etniset suhteet", stems("etnisten suhteiden")],
  ["hankinnat", stems("hankinta", "hankinnat")],
  ["säädösvalmistelu", stems("säädösvalmistelu", "ilmastolain", "luonnonsuojelulain", "kalastussään")],
  ["strategia", stems("strategi")],
  ["poikkeusaika", stems("poikkeusaj", "korona")],
  ["EU", stems("eu:n", "euroopan", "eu-")],
  ["kaavoitus", stems("kaavoitta", "kaupunkirakente")],
  ["tutkimus", stems("tutkimu", "tutkij")],
  ["ikääntyneet", stems("vanhus")],
  ["järjestöt", stems("järjestö", "kansalaisjärjestö")],
];

const AREAS: Rule<WorkArea>[] = [
  ["communication", stems("viestin", "vuorovaikutu")],
  ["trust", stems("luottamu")],
  [
    "openActivity",
    stems("avoin hallinto", "avoimen hallinnon", "avoin toiminta", "yhteistoiminnal", "avoimen corevent"),
  ],
  [
    "participation",
    stems(
      "osallisuu",
      "osallistu",
      "kansalaiskeskustel",
      "kansalaisraati",
      "puntaroiv",
      "sidosryhm",
      "kuulemi",
      "kuuntelemi",
      "tasavertai",
    ),
  ],
  ["publicity", stems("julkisuu")],
  ["understandability", stems("ymmärry", "ymmärrettäv", "kielitaustaltaan", "selkokiel")],
  ["openData", stems("avoin data", "avoimen datan", "avoimet tietovarannot")],
  [
    "enabler",
    stems("julkisen hallinnon", "säädösvalmistelu", "päätöksenteko", "strategiatyö", "hallinnon strategi"),
  ],
];

/** Themes suggested by the text, in rule order. */
export function suggestThemes(text: string): string[] {
  return THEMES.filter(([, re]) => re.test(text)).map(([tag]) => tag);
}

/** Open-government work areas suggested by the text. */
export function suggestAreas(text: string): WorkArea[] {
  return AREAS.filter(([, re]) => re.test(text)).map(([area]) => area);
}
