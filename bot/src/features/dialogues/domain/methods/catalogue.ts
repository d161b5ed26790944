import type { MethodId, MethodRole, MethodTemplate } from "./types";

const facilitator: MethodRole = {
  id: "facilitator",
  name: { fi: "Ohjaaja", sv: "Samtalsledare", en: "Facilitator" },
  count: { fi: "1 / ryhmä", sv: "1 / grupp", en: "1 per group" },
};
const scribe: MethodRole = {
  id: "scribe",
  name: { fi: "Kirjuri", sv: "Sekreterare", en: "Scribe" },
  count: { fi: "1 / ryhmä", sv: "1 / grupp", en: "1 per group" },
};
const organiser: MethodRole = {
  id: "organiser",
  name: { fi: "Järjestäjä", sv: "Arrangör", en: "Organiser" },
  count: { fi: "1", sv: "1", en: "1" },
};

/**
 * The participation-method templates (seed 004: dialogue, citizens' jury, participatory
 * budgeting, hybrid and accessible events; each with its usual IAP2 level). Texts are short on
 * purpose: they pre-fill a dialogue and remind the organiser of the essentials.
 */
export const METHOD_TEMPLATES: Record<MethodId, MethodTemplate> = {
  dialogue: {
    id: "dialogue",
    name: { fi: "Dialogi (Erätauko)", sv: "Dialog (Erätauko)", en: "Dialogue (Timeout)" },
    level: "involve",
    capacity: 40,
    groupSizes: { minSize: 3, maxSize: 8, targetSize: 5 },
    roles: [organiser, facilitator, scribe],
    phases: [],
    guide: {
      fi: "Tasavertainen keskustelu omista kokemuksista; ei päätöksiä. Sovi pelisäännöt alussa, kuuntele ja kirjaa oivallukset nimettöminä.",
      sv: "Jämlikt samtal om egna erfarenheter; inga beslut. Kom överens om spelreglerna i början, lyssna och anteckna insikterna anonymt.",
      en: "An equal conversation about own experiences; no decisions. Agree the ground rules first, listen, and record insights anonymously.",
    },
  },
  citizensJury: {
    id: "citizensJury",
    name: { fi: "Kansalaisraati", sv: "Medborgarpanel", en: "Citizens' jury" },
    level: "collaborate",
    capacity: 20,
    groupSizes: { minSize: 4, maxSize: 7, targetSize: 5 },
    roles: [
      organiser,
      facilitator,
      {
        id: "expert",
        name: { fi: "Asiantuntija", sv: "Sakkunnig", en: "Expert" },
        count: { fi: "2–4", sv: "2–4", en: "2–4" },
      },
      scribe,
    ],
    agenda: [
      {
        at: 0,
        breakout: false,
        title: {
          fi: "Tervetuloa ja raadin tehtävä",
          sv: "Välkommen och panelens uppdrag",
          en: "Welcome and the jury's task",
        },
      },
      {
        at: 0.1,
        breakout: false,
        title: { fi: "Asiantuntijoiden alustukset", sv: "Sakkunnigas inledningar", en: "Expert briefings" },
      },
      {
        at: 0.35,
        breakout: true,
        title: {
          fi: "Työpaja pienryhmissä: vaihtoehtojen punninta",
          sv: "Workshop i smågrupper: alternativen vägs",
          en: "Group workshop: weighing the options",
        },
      },
      {
        at: 0.6,
        breakout: true,
        title: {
          fi: "Työpaja pienryhmissä: suositukset",
          sv: "Workshop i smågrupper: rekommendationer",
          en: "Group workshop: recommendations",
        },
      },
      {
        at: 0.8,
        breakout: false,
        title: { fi: "Yhteinen kannanotto", sv: "Gemensamt ställningstagande", en: "Joint statement" },
      },
      { at: 1, breakout: false, title: { fi: "Päätös", sv: "Avslutning", en: "Close" } },
    ],
    phases: [
      {
        fi: "Suunnittelu, aiheen rajaus, kutsuminen ja asiantuntijakuulemisten valmistelu",
        sv: "Planering, avgränsning, inbjudan och förberedelse av sakkunnighörandena",
        en: "Planning, scoping, inviting and preparing the expert hearings",
      },
      {
        fi: "Asiantuntijakuulemiset ja raadin työpajat, kannanoton muodostaminen",
        sv: "Sakkunnighöranden och panelens workshoppar, ställningstagandet formas",
        en: "Expert hearings and jury workshops, forming the statement",
      },
      {
        fi: "Tulosten esittely asukkaille ja medialle (kahvilatyöpaja)",
        sv: "Resultaten presenteras för invånare och medier (kaféworkshop)",
        en: "Presenting the results to residents and media (café workshop)",
      },
      {
        fi: "Tulokset päättäjille fasilitoidussa keskustelussa",
        sv: "Resultaten till beslutsfattarna i ett faciliterat samtal",
        en: "Taking the results to decision-makers in a facilitated discussion",
      },
    ],
    guide: {
      fi: "15–20 osallistujaa muodostaa asiantuntijoiden alustusten pohjalta yhteisen näkemyksen suosituksista tai vaihtoehtojen eduista ja haitoista. Sopii vaikeisiin, kompleksisiin kysymyksiin.",
      sv: "15–20 deltagare bildar utifrån sakkunnigas inledningar en gemensam syn på rekommendationer eller alternativens för- och nackdelar. Passar svåra, komplexa frågor.",
      en: "15–20 participants form, from expert briefings, a joint view of recommendations or of the pros and cons of the options. Suits difficult, complex questions.",
    },
  },
  participatoryBudgeting: {
    id: "participatoryBudgeting",
    name: { fi: "Osallistuva budjetointi", sv: "Medborgarbudget", en: "Participatory budgeting" },
    level: "empower",
    capacity: 60,
    groupSizes: { minSize: 4, maxSize: 8, targetSize: 6 },
    roles: [
      organiser,
      facilitator,
      {
        id: "budgetOwner",
        name: { fi: "Budjetin vastuuhenkilö", sv: "Budgetansvarig", en: "Budget owner" },
        count: { fi: "1", sv: "1", en: "1" },
      },
      scribe,
    ],
    agenda: [
      {
        at: 0,
        breakout: false,
        title: {
          fi: "Tervetuloa, budjetti ja säännöt",
          sv: "Välkommen, budgeten och reglerna",
          en: "Welcome, the budget and the rules",
        },
      },
      {
        at: 0.15,
        breakout: true,
        title: { fi: "Ideointi pienryhmissä", sv: "Idéer i smågrupper", en: "Ideas in groups" },
      },
      {
        at: 0.45,
        breakout: true,
        title: {
          fi: "Ehdotusten muotoilu ja kustannusarvio",
          sv: "Förslagen formuleras och kostnadsberäknas",
          en: "Shaping proposals and costing them",
        },
      },
      {
        at: 0.75,
        breakout: false,
        title: {
          fi: "Ehdotusten esittely ja mitä seuraavaksi (äänestys)",
          sv: "Förslagen presenteras och vad härnäst (omröstning)",
          en: "Presenting proposals and what next (the vote)",
        },
      },
      { at: 1, breakout: false, title: { fi: "Päätös", sv: "Avslutning", en: "Close" } },
    ],
    phases: [
      {
        fi: "Budjetin ja pelisääntöjen sopiminen eri toimialojen kesken",
        sv: "Budget och spelregler avtalas mellan förvaltningarna",
        en: "Agreeing the budget and rules across departments",
      },
      {
        fi: "Ideointi ja ehdotusten muotoilu yhdessä",
        sv: "Idéer och förslag tas fram tillsammans",
        en: "Generating and shaping proposals together",
      },
      {
        fi: "Äänestys ja tulosten toteutus",
        sv: "Omröstning och genomförande",
        en: "Voting and implementing the results",
      },
    ],
    guide: {
      fi: "Asukkaat päättävät osan budjetin käytöstä. Sitouta toimialat etukäteen, kerro raamit selkeästi ja raportoi, mitä toteutettiin.",
      sv: "Invånarna beslutar om en del av budgeten. Engagera förvaltningarna i förväg, ange ramarna tydligt och rapportera vad som genomfördes.",
      en: "Residents decide how part of a budget is spent. Commit the departments in advance, state the limits clearly and report what was done.",
    },
  },
  hybridAccessible: {
    id: "hybridAccessible",
    name: {
      fi: "Hybridi ja saavutettava tilaisuus",
      sv: "Hybrid och tillgängligt evenemang",
      en: "Hybrid and accessible event",
    },
    level: "consult",
    mode: "hybrid",
    capacity: 30,
    groupSizes: { minSize: 3, maxSize: 6, targetSize: 4 },
    roles: [
      organiser,
      facilitator,
      {
        id: "remoteHost",
        name: { fi: "Etäosallistujien isäntä", sv: "Värd för distansdeltagare", en: "Remote host" },
        count: { fi: "1", sv: "1", en: "1" },
      },
      {
        id: "accessibility",
        name: { fi: "Saavutettavuusavustaja", sv: "Tillgänglighetsassistent", en: "Accessibility assistant" },
        count: { fi: "tarpeen mukaan", sv: "vid behov", en: "as needed" },
      },
      scribe,
    ],
    phases: [],
    guide: {
      fi: "Kysy saavutettavuustarpeet ilmoittautuessa (tulkkaus, tekstitys, esteettömyys). Pidä etä- ja paikan päällä olevat ryhmät erikseen tai anna etäosallistujille oma isäntä; avaa etäyhteys 15 min etuajassa.",
      sv: "Fråga efter tillgänglighetsbehov vid anmälan (tolkning, textning, tillgänglighet). Håll distans- och platsgrupper åtskilda eller ge distansdeltagarna en egen värd; öppna distanslänken 15 min i förväg.",
      en: "Ask for accessibility needs at registration (interpreting, captions, step-free access). Keep remote and on-site groups apart or give remote people their own host; open the remote link 15 minutes early.",
    },
  },
};
