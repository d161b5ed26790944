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
 * dialogue still works, and what to do. Through the durable outbox under a key of the problem
 * (the "once": a later sync finds the row and sends nothing), retried by the sender; a failure
 * stays visible to the organisers. A failure to record it is logged (ids only) and swallowed:
 * the sync it belongs to goes on.
 */
export async function tellOrganiserOnce(
  mc: MeetingsContext,
  d: Dialogue,
  problem: "forbidden" | "unavailable",
): Promise<void> {
  try {
    const text = meetingsT(dialogueLang(d))(`organiser.${problem}`, { title: d.title });
    const organiser = d.createdBy.aadId;
    await mc.outbox.enqueue({ key: `meetings-${problem}`, dialogueId: d.id, label: "meetingProblem" }, [
      {
        recipient: organiser,
        target: { kind: "user", userId: organiser },
        payload: { type: "message", text },
      },
    ]);
  } catch (err) {
    mc.logger.warn("organiser not told about the Graph problem", { dialogueId: d.id, ...errorFields(err) });
  }
}
