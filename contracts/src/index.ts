/**
 * @dialogi/contracts: the API contract between the bot's server and the tab (one source, no
 * hand-kept copies). Pure TypeScript with no dependencies; bot and tab both import it.
 */
export * from "./auth";
export * from "./directory";
export * from "./directory-admin";
export * from "./languages";
export * from "./methods";
export * from "./peer";
export * from "./series";
export * from "./meeting";
export * from "./deliveries";
