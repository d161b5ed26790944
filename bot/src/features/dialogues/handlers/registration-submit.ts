import { z } from "zod";
import { cleanLine, cleanMultiline } from "../../../platform/text/sanitize";
import {
  ATTENDANCES,
  BACKGROUNDS,
  DIALOGUE_LANGUAGES,
  type Attendance,
  type RegistrationAnswers,
} from "../domain/types";
import { groundRulesTextVersion, isCurrentGroundRulesText } from "./ground-rules";
import { parseDialogueRef, refusing, requireUser, type DialogueContext } from "./context";
import { refreshUserIds } from "../cards/invitation-card";
import { sendConfirmation } from "./notify";
import { registrationFormCard } from "../cards/registration-form-card";
import { dialogueT } from "./texts";
import { personalInvitation, updatePostings } from "./views";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";
import { countMetric } from "../../../platform/telemetry/instrument";

/** Submit of the registration form. */
export const REGISTRATION_SUBMIT_VERB = "registration.submit";

const bool = z.union([z.boolean(), z.enum(["true", "false", ""])]).optional();
const answersSchema = z.object({
  language: z.string().max(10).optional(),
  organisation: z.string().max(2000).optional(),
  background: z.union([z.enum(BACKGROUNDS), z.literal("")]).optional(),
  accessibility: z.string().max(5000).optional(),
  scribe: bool,
  acceptRules: bool,
  attendance: z.string().max(20).optional(),
  /** The ground-rules text the form showed (absent on forms sent before it was added). */
  rulesVersion: z.string().max(80).optional(),
});

/**
 * Registers the clicking person (seat or waitlist; idempotent per person), sends the personal
 * confirmation with the calendar link, and answers with their invitation view. A missing
 * language or unaccepted ground rules re-shows the form with the answers kept.
 */
export function createRegistrationSubmitAction(dc: DialogueContext): CardAction {
  return {
    verb: REGISTRATION_SUBMIT_VERB,
    handle: (ctx, env, data) =>
      refusing(env, async () => {
        const t = dialogueT(env.lang);
        const ref = parseDialogueRef(env, data);
        const { userId, tenantId } = requireUser(env);
        const parsed = answersSchema.safeParse(data);
        if (!parsed.success) throw new CardInputError(t("errors.badData"));
        const a = parsed.data;
        const dialogue = await dc.dialogues.get(ref.dialogueId, tenantId);
        const hybrid = dialogue.mode === "hybrid";
        const attendance = ATTENDANCES.find((x) => x === a.attendance) as Attendance | undefined;
        // A form from before versions were sent showed the rules in the reader's language.
        const rulesVersion = a.rulesVersion ?? groundRulesTextVersion(env.lang, dialogue.groundRules);
        const rulesCurrent = isCurrentGroundRulesText(rulesVersion, dialogue.groundRules);
        const answers: RegistrationAnswers = {
          language: (a.language ?? "") as RegistrationAnswers["language"],
          organisation: cleanLine(a.organisation).slice(0, 200),
          background: a.background ?? "",
          accessibility: cleanMultiline(a.accessibility).slice(0, 500),
          scribe: a.scribe === true || a.scribe === "true",
          ...(hybrid && attendance ? { attendance } : {}),
          groundRulesVersion: rulesVersion,
        };
        const accepted = a.acceptRules === true || a.acceptRules === "true";
        const languageOk =
          DIALOGUE_LANGUAGES.includes(answers.language) && dialogue.languages.includes(answers.language);
        const problem = !languageOk
          ? "register.languageError"
          : hybrid && !attendance
            ? "register.attendanceError"
            : !rulesCurrent
              ? "register.rulesChanged"
              : !accepted
                ? "register.acceptRulesError"
                : undefined;
        if (problem) {
          const active = await dc.registrations.active(dialogue.id);
          return {
            card: registrationFormCard({
              lang: env.lang,
              dialogue,
              refreshUserIds: refreshUserIds(dialogue, active, ctx.activity.from?.id),
              previous: { ...answers, language: languageOk ? answers.language : dialogue.languages[0]! },
              error: t(problem),
            }),
          };
        }
        const { registration, already } = await dc.registrations.register({
          dialogueId: dialogue.id,
          tenantId,
          person: { aadId: userId, teamsId: ctx.activity.from?.id, name: env.userName ?? "" },
          uiLang: env.lang,
          answers,
          groundRulesAccepted: accepted,
        });
        if (!already) {
          const via = env.conversationType === "personal" ? undefined : ctx.activity.conversation.id;
          await sendConfirmation(dc, dialogue, registration, via);
          const counts = await dc.registrations.counts(dialogue.id);
          // The shared card shows the seats; refresh it when the last seat goes, not on every registration.
          if (registration.status === "confirmed" && counts.confirmed === dialogue.capacity)
            await updatePostings(dc, dialogue);
          dc.logger.info("registered", { dialogueId: dialogue.id, status: registration.status });
          countMetric("dialogi.registrations", 1, { status: registration.status });
        }
        return { card: await personalInvitation(dc, ctx, env, dialogue) };
      }),
  };
}
