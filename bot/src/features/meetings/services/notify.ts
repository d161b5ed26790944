import { translator, type Language } from "../../../platform/i18n/i18n";
import { errorFields } from "../../../logger";
import type { Dialogue } from "../../dialogues";
import type { MeetingsContext } from "./context";

/** Translator for the `meetings` namespace. */
export const meetingsT = (lang: Language) => translator(lang, "meetings");

/** The language to write to the organiser in: the dialogue's first language. */
export const dialogueLang = (d: Dialogue): Language => d.languages[0] ?? "fi";

/**
 * Tells the organiser, once per dialogue and problem, that Graph refused or is down: the
 * dialogue still works, and what to do. A failure to tell is logged (ids only) and swallowed.
 */
export async function tellOrganiserOnce(
  mc: MeetingsContext,
  d: Dialogue,
  problem: "forbidden" | "unavailable",
): Promise<void> {
  try {
    if (!(await mc.dialogues.claimOnce(d.id, `meetings-${problem}`))) return;
    const text = meetingsT(dialogueLang(d))(`organiser.${problem}`, { title: d.title });
    await mc.messenger.sendToUser(d.createdBy.aadId, { type: "message", text });
  } catch (err) {
    mc.logger.warn("organiser not told about the Graph problem", { dialogueId: d.id, ...errorFields(err) });
  }
}
