import { z } from "zod";
import { CardInputError, type CardAction, type CardActionResult } from "../../../platform/teams/card-action";
import type { TurnEnv } from "../../../platform/teams/turn-env";
import { escapeMarkdown } from "../../../platform/teams/markdown";
import { staffCard } from "../cards/staff-card";
import { DialogueError } from "../domain/errors";
import { StaffInputError } from "../domain/staff-service";
import { STAFF_ROLES, type Dialogue, type StaffRole } from "../domain/types";
import { parseDialogueRef, refusing, requireUser, type DialogueContext, type DialogueRef } from "./context";
import { dialogueT } from "./texts";
import { organiserView } from "./views";
import { CardFactory } from "botbuilder";

const addSchema = z.object({
  person: z.string().max(100).optional().default(""),
  email: z.string().max(300).optional().default(""),
  role: z.enum(STAFF_ROLES),
});
const removeSchema = z.object({ role: z.enum(STAFF_ROLES), key: z.string().min(1).max(300) });

/** True when `person` (object id) or `email` already holds `role` on the dialogue (or waits for it). */
function hasStaff(d: Dialogue, role: StaffRole, person: string, email: string): boolean {
  const people = role === "organiser" ? (d.coOrganisers ?? []) : d.facilitators;
  if (person && people.some((p) => p.aadId === person)) return true;
  const mail = email.trim().toLowerCase();
  return !!mail && (d.pendingStaff ?? []).some((p) => p.role === role && p.email.toLowerCase() === mail);
}

type StaffOp = (
  dc: DialogueContext,
  env: TurnEnv,
  ref: DialogueRef,
  data: Record<string, unknown>,
) => Promise<CardActionResult>;

/**
 * Tells a newly added person in a personal chat (through the outbox, so it is retried and a failure is shown): the
 * welcome and their organiser card, so they can open the dialogue without knowing its id.
 */
async function tellAdded(dc: DialogueContext, env: TurnEnv, d: Dialogue, aadId: string, role: StaffRole) {
  // The title is the organiser's text: shown literally, never as a link or formatting.
  const text = dialogueT(env.lang)(`staff.welcome.${role}`, { title: escapeMarkdown(d.title), id: d.id });
  const card = await organiserView(dc, env, d, undefined, aadId);
  // Through the outbox, keyed by the version the add produced: the same add (a rerun) adds no
  // row; someone the bot cannot reach yet is a failed delivery the organisers see.
  await dc.outbox.enqueue(
    { key: `staffAdded|${role}|${aadId}|v${d.version}`, dialogueId: d.id, label: "staffAdded" },
    [
      {
        recipient: aadId,
        target: { kind: "user", userId: aadId, tenantId: d.tenantId },
        payload: { type: "message", text, attachments: [CardFactory.adaptiveCard(card)] },
      },
    ],
    { awaitDeliveryMs: 3000 },
  );
}

/** Bad input on the card becomes the field's message; the card stays as it was. */
async function input<T>(env: TurnEnv, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof StaffInputError)
      throw new CardInputError(dialogueT(env.lang)(`staff.error.${err.code}`));
    throw err;
  }
}

/**
 * The "Manage organisers" card's verbs. Organisers only (checked by the staff service against the
 * authenticated caller); each change is version-checked (a stale card gets the latest one) and
 * audited with the caller's object id.
 */
export const STAFF_VERBS: Record<string, StaffOp> = {
  /** Opens the card (the organiser card's button). */
  "dialogue.staff": async (dc, env, ref) => {
    const { userId, tenantId } = requireUser(env);
    const d = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
    return { card: staffCard(env.lang, d) };
  },

  /** Adds the picked person (or the e-mail's) as co-organiser or facilitator. */
  "dialogue.staffAdd": async (dc, env, ref, data) => {
    const { userId, tenantId } = requireUser(env);
    const t = dialogueT(env.lang);
    const parsed = addSchema.safeParse(data);
    if (!parsed.success) throw new CardInputError(t("staff.error.badData"));
    const { person, email, role } = parsed.data;
    try {
      const { dialogue, pending } = await input(env, () =>
        dc.dialogues.staff.add({
          id: ref.dialogueId,
          tenantId,
          userId,
          version: ref.version,
          role,
          personId: person,
          email,
        }),
      );
      const who = (role === "organiser" ? dialogue.coOrganisers : dialogue.facilitators)?.at(-1)?.aadId;
      if (!pending && who) await tellAdded(dc, env, dialogue, who, role);
      dc.logger.info("dialogue staff added", { dialogueId: dialogue.id, role, pending });
      const text = t(pending ? "staff.addedPending" : "staff.added", { role: t(`staff.role.${role}`) });
      return { card: staffCard(env.lang, dialogue, { text, color: "Good" }) };
    } catch (err) {
      if (err instanceof DialogueError && err.code === "stale") {
        const current = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        // The same card submitted twice: the person is already in that role, which is what was asked.
        if (hasStaff(current, role, person, email))
          return { card: staffCard(env.lang, current, { text: t("staff.alreadyAdded"), color: "Good" }) };
        return { card: staffCard(env.lang, current, { text: t("refused.stale"), color: "Attention" }) };
      }
      throw err;
    }
  },

  /** Removes a co-organiser, facilitator or pending e-mail; their rights end at once. */
  "dialogue.staffRemove": async (dc, env, ref, data) => {
    const { userId, tenantId } = requireUser(env);
    const t = dialogueT(env.lang);
    const parsed = removeSchema.safeParse(data);
    if (!parsed.success) throw new CardInputError(t("staff.error.badData"));
    try {
      const dialogue = await input(env, () =>
        dc.dialogues.staff.remove({
          id: ref.dialogueId,
          tenantId,
          userId,
          version: ref.version,
          ...parsed.data,
        }),
      );
      dc.logger.info("dialogue staff removed", { dialogueId: dialogue.id, role: parsed.data.role });
      return { card: staffCard(env.lang, dialogue, { text: t("staff.removed"), color: "Good" }) };
    } catch (err) {
      if (err instanceof DialogueError && err.code === "stale") {
        const current = await dc.dialogues.getForOrganiser(ref.dialogueId, tenantId, userId);
        return { card: staffCard(env.lang, current, { text: t("refused.stale"), color: "Attention" }) };
      }
      throw err;
    }
  },
};

/** One card action per staff verb. */
export function createStaffActions(dc: DialogueContext): CardAction[] {
  return Object.entries(STAFF_VERBS).map(([verb, op]) => ({
    verb,
    handle: (_ctx, env, data) => refusing(env, () => op(dc, env, parseDialogueRef(env, data), data)),
  }));
}
