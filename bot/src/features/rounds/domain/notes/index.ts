/** Notes: anonymisation, input validation and storage chunking. */
export {
  maskNames,
  compileNames,
  MASKS,
  MIN_NAME_LENGTH,
  type MaskLanguage,
  type NameIndex,
} from "./mask-names";
export * from "./validate-note";
export { chunkText, joinChunks, DEFAULT_CHUNK_UNITS } from "./chunk-text";
