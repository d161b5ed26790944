// The other features this one uses, each only through its index.ts (lint enforces it).
export type { Directory, Entry, Organisation, Principal } from "../../directory";
export type { Dialogue, DialogueContext } from "../../dialogues";
export { sharedInvitation, whenText, dialogueT } from "../../dialogues";
