export * from "./types";
export { IAP2_TEXTS } from "./levels";
export { METHOD_TEMPLATES } from "./catalogue";
export { isIap2Level, isMethodId, methodAgenda, methodGrouping, methodTemplate } from "./agenda";
