import { CardFactory } from "botbuilder";
import type { Activity } from "botframework-schema";
import type { PeerNotifier } from "./domain/ports";
import type { PeerDialogue } from "./domain/types";
import { orgDisplayName } from "./domain/types";
import { toLanguage } from "../../platform/i18n/i18n";
import type { DialogueContext } from "../dialogues";
import { dialogueT, whenText } from "../dialogues";
import { sharedInvitation } from "../dialogues";
import { draftCard } from "./cards/peer-cards";
import { peerT } from "./handlers/context";

/**
 * How long a click waits for the messages to leave when this instance is the sender, so the
 * count it reports ("N invited, M unreachable") is true in the common case.
 */
const AWAIT_MS = 5000;

/** One (recipient, user, activity) of a peer decision. */
interface PeerSend {
  /** Unique within the decision (a user, or a user and the draft's organisation). */
  recipient: string;
  userId: string;
  activity: Partial<Activity>;
}

/**
 * Records one decision's messages in the durable outbox (the sender retries them; what fails for
 * good stays a visible failed row) and returns how many were sent within the wait. `owner` is the
 * partition range the rows are listed under (the peer dialogue, or an organisation's listing).
 */
async function record(
  dc: DialogueContext,
  owner: string,
  decision: { key: string; label: string },
  sends: PeerSend[],
  via?: string,
): Promise<number> {
  if (sends.length === 0) return 0;
  const items = sends.map((s) => ({
    recipient: s.recipient,
    target: { kind: "user" as const, userId: s.userId, ...(via ? { via } : {}) },
    payload: s.activity,
  }));
  await dc.outbox.enqueue({ ...decision, dialogueId: owner }, items, { awaitDeliveryMs: AWAIT_MS });
  const rows = (await dc.outbox.deliveries(owner)).filter((r) => r.decisionKey === decision.key);
  const recipients = new Set(sends.map((s) => s.recipient));
  return rows.filter((r) => r.status === "sent" && recipients.has(r.recipient)).length;
}

/** The peer feature's personal messages over the dialogues feature's messenger and cards. */
export function createPeerNotifier(dc: DialogueContext, publicUrl?: string): PeerNotifier {
  const base = publicUrl?.replace(/\/$/, "");
  return {
    async inviteContacts(peer, via) {
      const dialogue = await dc.dialogues.load(peer.dialogueId);
      if (!dialogue) return { delivered: 0, unreachable: 0 };
      const lang = toLanguage(peer.language);
      const card = await sharedInvitation(dc, dialogue, lang);
      const sends = peer.organisations.flatMap((org) =>
        org.contacts
          .filter((c) => c.aadId)
          .map((c) => ({
            recipient: c.aadId!,
            userId: c.aadId!,
            activity: {
              type: "message",
              text: peerT(lang)("invite.contact", {
                org: orgDisplayName(org, lang),
                theme: peer.theme,
                when: whenText(dialogueT(lang), dialogue),
              }),
              attachments: [CardFactory.adaptiveCard(card)],
            } as Partial<Activity>,
          })),
      );
      const total = peer.organisations.reduce((n, o) => n + o.contacts.length, 0);
      // One invitation per contact and peer dialogue: a rerun (the card and the route both
      // announcing it, a retried request) adds nothing; a contact added later gets theirs.
      const unique = [...new Map(sends.map((x) => [x.recipient, x])).values()];
      const invite = { key: "peerInvite", label: "peerInvitation" };
      const delivered = await record(dc, peer.dialogueId, invite, unique, via);
      return { delivered, unreachable: total - delivered };
    },

    async sendDrafts(peer: PeerDialogue, drafts) {
      const lang = toLanguage(peer.language);
      const sends = drafts.flatMap(({ draft, userIds }) => {
        const org = peer.organisations.find((o) => o.orgId === draft.orgId);
        const orgName = org ? orgDisplayName(org, lang) : draft.orgId;
        const card = draftCard({ lang, peer, draft, orgName });
        return userIds.map((userId) => ({
          recipient: `${userId}|${draft.orgId}`,
          userId,
          activity: { type: "message", attachments: [CardFactory.adaptiveCard(card)] } as Partial<Activity>,
        }));
      });
      // A peer dialogue ends once and its drafts are made then: a rerun of the follow-up finds
      // the rows (one per person and organisation) and sends nothing twice.
      const decision = { key: "peerDrafts", label: "peerDraft" };
      return record(dc, peer.dialogueId, decision, sends, peer.postedIn);
    },

    async remindListing(org, userIds, since) {
      const url = base ? `${base}/#/org/${encodeURIComponent(org.orgId)}` : "";
      // Staff's UI languages are not known here: Finnish and Swedish, as the state's own texts are;
      // each paragraph names the organisation in its own language (Finnish where it has no other).
      const text = (["fi", "sv"] as const)
        .map((l) => peerT(l)("remind.text", { org: org.names[l] || org.names.fi, url }))
        .join("\n\n");
      // The reminder that follows the previous one (`since`): a rerun of the same request sends
      // nothing twice; the next reminder, after the interval, has a new `since`.
      const decision = { key: `listing|${since ?? "first"}`, label: "listingReminder" };
      const sends = [...new Set(userIds)].map((userId) => ({
        recipient: userId,
        userId,
        activity: { type: "message", text } as Partial<Activity>,
      }));
      return record(dc, `org-${org.orgId}`, decision, sends);
    },
  };
}
