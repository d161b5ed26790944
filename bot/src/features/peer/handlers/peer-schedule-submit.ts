import { CardFactory } from "botbuilder";
import { parseContactText } from "../domain/schedule-input";
import { PeerError } from "../domain/errors";
import { sharedInvitation } from "../../dialogues";
import type { CardAction } from "../../../platform/teams/card-action";
import {
  FORM_ROWS,
  SCHEDULE_FIELDS,
  registrationsCard,
  scheduleFormCard,
  type ScheduleFormValues,
} from "../cards/peer-cards";
import { peerRefusing, peerT, principalOf, type PeerBotContext } from "./context";

/** Submit of the peer scheduling form. */
export const PEER_SCHEDULE_VERB = "peer.schedule";

/** The form's flat inputs as strings (anything else is dropped). */
function formValues(data: Record<string, unknown>): ScheduleFormValues {
  const out: ScheduleFormValues = {};
  const keys: string[] = [...SCHEDULE_FIELDS];
  for (let n = 1; n <= FORM_ROWS; n++) keys.push(`org${n}`, `contactName${n}`, `contactId${n}`);
  for (const k of keys) {
    const v = data[k];
    if (typeof v === "string" || typeof v === "number") out[k] = String(v).slice(0, 5000);
  }
  return out;
}

/** The API's input shape from the form's rows. */
function toInput(v: ScheduleFormValues, nonce: unknown) {
  const organisations = [];
  for (let n = 1; n <= FORM_ROWS; n++) {
    const orgId = v[`org${n}`]?.trim();
    if (!orgId) continue;
    const contact = parseContactText(v[`contactName${n}`], v[`contactId${n}`]);
    organisations.push({ orgId, contacts: contact ? [contact] : [] });
  }
  const body: Record<string, unknown> = { organisations, nonce };
  for (const k of SCHEDULE_FIELDS) if (v[k] !== undefined && v[k] !== "") body[k] = v[k];
  return body;
}

/**
 * Schedules the peer dialogue (coordinators; checked again here, not only when the form was
 * opened), posts the invitation into this conversation as the dialogues feature does, invites
 * each organisation's contacts personally and answers with the per-organisation registrations.
 */
export function createPeerScheduleAction(pbc: PeerBotContext): CardAction {
  return {
    verb: PEER_SCHEDULE_VERB,
    handle: (ctx, env, data) =>
      peerRefusing(env, async () => {
        const t = peerT(env.lang);
        const principal = await principalOf(pbc, ctx, env);
        const values = formValues(data);
        let scheduled;
        try {
          scheduled = await pbc.services.schedule.schedule({
            principal,
            creator: { aadId: principal.userId, teamsId: ctx.activity.from?.id, name: env.userName ?? "" },
            body: toInput(values, data.nonce),
            lang: env.lang,
          });
        } catch (err) {
          if (!(err instanceof PeerError) || err.code !== "invalid" || !err.fields.length) throw err;
          const orgs = [...(await pbc.directory.readModel.snapshot(principal.tenantId)).orgs.values()];
          const nonce = typeof data.nonce === "string" ? data.nonce : "";
          return { card: scheduleFormCard({ lang: env.lang, orgs, nonce, values, errors: err.fields }) };
        }
        let { peer } = scheduled;
        let notice = t("registrations.already");
        if (scheduled.created) {
          const invitation = await sharedInvitation(pbc.dc, scheduled.dialogue, env.lang);
          const sent = await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(invitation)] });
          const conversationId = ctx.activity.conversation.id;
          if (sent?.id) {
            await pbc.dc.dialogues.recordPosting(peer.dialogueId, {
              conversationId,
              activityId: sent.id,
              lang: env.lang,
            });
          }
          const shared = env.conversationType && env.conversationType !== "personal";
          if (shared) peer = await pbc.services.schedule.recordPostedIn(peer, conversationId);
          const invited = await pbc.services.pc.notifier.inviteContacts(
            peer,
            shared ? conversationId : undefined,
          );
          notice = t("registrations.scheduled", invited);
          pbc.logger.info("peer dialogue scheduled", {
            dialogueId: peer.dialogueId,
            organisations: peer.organisations.length,
            activityId: ctx.activity.id,
          });
        }
        const view = await pbc.services.queries.registrations(principal, peer.dialogueId);
        return { card: registrationsCard({ lang: env.lang, ...view, notice }) };
      }),
  };
}
