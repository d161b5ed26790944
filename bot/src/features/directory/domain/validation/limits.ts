import { LIMITS } from "@dialogi/contracts";
/** Size limits of directory fields (characters / items). Shared by the API, the importer and the docs. */
export { LIMITS };
