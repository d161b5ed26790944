import type { Iap2Level, Localised } from "./types";

/** Names and the promise to the participants of each IAP2 level (fi/sv/en). */
export const IAP2_TEXTS: Record<Iap2Level, { name: Localised; promise: Localised }> = {
  inform: {
    name: { fi: "Tiedottaminen", sv: "Informera", en: "Inform" },
    promise: {
      fi: "Pidämme teidät ajan tasalla.",
      sv: "Vi håller er informerade.",
      en: "We will keep you informed.",
    },
  },
  consult: {
    name: { fi: "Kuuleminen", sv: "Konsultera", en: "Consult" },
    promise: {
      fi: "Kuuntelemme ja kerromme, miten näkemyksenne vaikuttivat.",
      sv: "Vi lyssnar och berättar hur era synpunkter påverkade.",
      en: "We will listen and tell you how your input influenced the decision.",
    },
  },
  involve: {
    name: { fi: "Osallistaminen", sv: "Involvera", en: "Involve" },
    promise: {
      fi: "Huolenne ja toiveenne näkyvät vaihtoehdoissa.",
      sv: "Era farhågor och önskemål syns i alternativen.",
      en: "Your concerns and aspirations are reflected in the alternatives.",
    },
  },
  collaborate: {
    name: { fi: "Yhteistyö", sv: "Samarbeta", en: "Collaborate" },
    promise: {
      fi: "Suosituksenne otetaan ratkaisuihin mahdollisimman pitkälle.",
      sv: "Era rekommendationer tas in i besluten så långt det går.",
      en: "Your recommendations are incorporated into decisions as far as possible.",
    },
  },
  empower: {
    name: { fi: "Päätösvallan siirto", sv: "Överlåta beslut", en: "Empower" },
    promise: {
      fi: "Toteutamme sen, minkä päätätte.",
      sv: "Vi genomför det ni beslutar.",
      en: "We will implement what you decide.",
    },
  },
};
