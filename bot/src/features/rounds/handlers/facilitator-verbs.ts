import { GROUP_SIZE_LIMITS } from "@dialogi/contracts";
import { CardInputError, type CardAction } from "../../../platform/teams/card-action";
import { claimPendingRole } from "../../dialogues";
import { intField, textField } from "../services/card-data";
import { RoundError } from "../services/errors";
import { facilitatorAction, type FacilitatorOp } from "../services/facilitator-action";
import { broadcastRequestId, MAX_BROADCAST, type RunResult } from "../services/run-service";
import type { RoundsServices } from "../services/services";
import { roundsT } from "../services/texts";

/** Group sizes from the controls' inputs; anything else is answered with what to enter. */
function groupSizes(env: Parameters<FacilitatorOp>[1], data: Record<string, unknown>) {
  const { min, max } = GROUP_SIZE_LIMITS;
  const read = (name: string) => {
    const v = data[name];
    const n =
      typeof v === "number" ? v : typeof v === "string" && /^\d{1,3}$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
  };
  const minSize = read("minSize");
  const maxSize = read("maxSize");
  if (minSize === undefined || maxSize === undefined || minSize > maxSize)
    throw new CardInputError(roundsT(env.lang)("controls.groupSizesInvalid", { min, max }));
  return { minSize, maxSize };
}

const round = (env: Parameters<FacilitatorOp>[1], data: Record<string, unknown>) =>
  intField(env, data, "round", 99);

/** The person chosen on the card (required: an empty choice says what to do). */
const person = (env: Parameters<FacilitatorOp>[1], data: Record<string, unknown>, name: string) => {
  const id = textField(env, data, name).trim();
  if (!id) throw new CardInputError(roundsT(env.lang)("controls.choosePerson"));
  if (id.length > 100) throw new CardInputError(roundsT(env.lang)("badData"));
  return id;
};

/** The confirm step's answer on the card (the plan version it was shown for). */
const confirmed = (data: Record<string, unknown>) => ({
  confirm: data.confirm === true,
  planTag: data.planTag,
});

/**
 * A start (of the dialogue, or of round 1, which starts it too): one that would be early and was
 * not confirmed does nothing and answers with the controls card asking to confirm, in place.
 */
async function startAsking(
  s: Parameters<FacilitatorOp>[0],
  data: Record<string, unknown>,
  caller: Parameters<FacilitatorOp>[3],
  ask: NonNullable<RunResult["ask"]>,
  start: (confirmEarly: boolean) => Promise<RunResult>,
): Promise<RunResult> {
  try {
    return await start(data.confirmEarly === true);
  } catch (err) {
    if (!(err instanceof RoundError) || err.code !== "earlyStart") throw err;
    return { ...(await s.run.view(data.dialogueId, caller)), ask };
  }
}

/**
 * The facilitator controls' verbs. Every one is for facilitators and organisers only (checked in
 * the services against the authenticated caller) and answers with the refreshed controls card;
 * two clicks at once change state once (ETag transitions on the run state).
 */
export const FACILITATOR_VERBS: Record<string, FacilitatorOp> = {
  /** Opens (or refreshes) the controls; also the organiser card's button. */
  "round.controls": async (s, env, data, caller, ctx) => {
    // Someone added by e-mail gets their role the first time they open the controls.
    await claimPendingRole(s.rc.dialogues, ctx, env, data.dialogueId);
    return s.run.view(data.dialogueId, caller);
  },
  /** Starts the dialogue (before the first round); a second click finds it started and says so. */
  "round.startDialogue": (s, _env, data, caller) =>
    startAsking(s, data, caller, { verb: "round.startDialogue" }, (early) =>
      s.run.startDialogue(data.dialogueId, caller, early),
    ),
  /** Forms (or re-forms) the groups of the rounds not started yet, from `round` on. */
  "round.form": (s, env, data, caller) => s.plan.form(data.dialogueId, round(env, data), caller),
  /** Sets the group sizes for forming (whole numbers within GROUP_SIZE_LIMITS, smallest ≤ largest). */
  "round.groupSizes": (s, env, data, caller) =>
    s.plan.setSizes(data.dialogueId, groupSizes(env, data), caller),
  /** Moves one person to another group of a round that has not started (checked against the plan). */
  "round.move": (s, env, data, caller) =>
    s.plan.move(
      data.dialogueId,
      round(env, data),
      textField(env, data, "person"),
      intField(env, data, "toGroup"),
      caller,
    ),
  /** Starts round N: members get their groups, timers are scheduled (an early round 1 asks first). */
  "round.start": (s, env, data, caller) => {
    const n = round(env, data);
    return startAsking(s, data, caller, { verb: "round.start", round: n }, (early) =>
      s.run.startRound(data.dialogueId, n, caller, early),
    );
  },
  /** Extends the running round by N minutes (one of the offered choices); timers are rescheduled. */
  "round.extend": (s, env, data, caller) =>
    s.run.extendRound(data.dialogueId, round(env, data), intField(env, data, "minutes", 60), caller),
  /** Sends the facilitator's message to every member of the current round (trimmed, required, bounded, no control characters). */
  "round.broadcast": (s, env, data, caller) => {
    const text = textField(env, data, "message").trim();
    const t = roundsT(env.lang);
    if (!text) throw new CardInputError(t("controls.broadcastRequired"));
    if (text.length > MAX_BROADCAST || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
      throw new CardInputError(t("badData"));
    // The card's nonce: a second click on the same card sends nothing twice; the card that
    // answers has a new nonce, so the next message sends.
    return s.run.broadcast(data.dialogueId, round(env, data), text, caller, broadcastRequestId(data.nonce));
  },
  /** Marks a person absent from the running (or next) round on, after the confirm step; a new scribe is told. */
  "round.absent": (s, env, data, caller) =>
    s.attendance.markAbsent(data.dialogueId, person(env, data, "absentPerson"), caller, confirmed(data)),
  /** Adds a confirmed registrant not in the groups to the smallest fitting group; they get their card. */
  "round.lateJoin": (s, env, data, caller) =>
    s.attendance.addLateJoiner(data.dialogueId, person(env, data, "lateJoiner"), caller, confirmed(data)),
  /** A running round's group below the minimum: its members move into groups with room (after the confirm step). */
  "round.dissolveGroup": (s, env, data, caller) =>
    s.attendance.dissolveGroup(data.dialogueId, intField(env, data, "group", 999), caller, confirmed(data)),
  /** A running round's group below the minimum is kept as it is. */
  "round.keepGroup": (s, env, data, caller) =>
    s.attendance.keepGroup(data.dialogueId, intField(env, data, "group", 999), caller),
  /** Ends the running round now. */
  "round.end": (s, env, data, caller) => s.run.endRound(data.dialogueId, round(env, data), caller),
  /** Lets every group member add notes (or only scribes again); `allow` is the state the button offers. */
  "round.memberNotes": (s, _env, data, caller) =>
    s.run.setMemberNotes(data.dialogueId, data.allow === true || data.allow === "true", caller),
  /** Ends the dialogue: notes close, organisers get the summary, other features' follow-ups run; a second click changes nothing. */
  "round.endDialogue": async (s, env, data, caller) => {
    const result = await s.run.endDialogue(data.dialogueId, caller);
    await s.summary.deliver(result.dialogue, { userId: caller.userId, lang: env.lang });
    await s.ended.notify(result.dialogue);
    return result;
  },
};

/** One card action per facilitator verb. */
export function createFacilitatorActions(s: RoundsServices): CardAction[] {
  return Object.entries(FACILITATOR_VERBS).map(([verb, op]) => facilitatorAction(verb, s, op));
}
