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
import { forEachLimit } from "../../platform/concurrency";

/** Personal messages in flight at once (Teams throttles per bot and tenant). */
const FAN_OUT = 4;

/** Sends each (user, activity) pair a few at a time; returns how many arrived. Failures are logged with ids only. */
async function sendAll(
  dc: DialogueContext,
  dialogueId: string,
  sends: { userId: string; activity: Partial<Activity> }[],
  via?: string,
): Promise<number> {
  let delivered = 0;
  await forEachLimit(sends, FAN_OUT, async (s) => {
    try {
      if (await dc.messenger.sendToUser(s.userId, s.activity, via ? { via } : undefined)) delivered++;
    } catch (err) {
      dc.logger.warn("peer message failed", { dialogueId, error: (err as Error).name });
    }
  });
  return delivered;
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
      const delivered = await sendAll(dc, peer.dialogueId, sends, via);
      return { delivered, unreachable: total - delivered };
    },

    async sendDrafts(peer: PeerDialogue, drafts) {
      const lang = toLanguage(peer.language);
      const sends = drafts.flatMap(({ draft, userIds }) => {
        const org = peer.organisations.find((o) => o.orgId === draft.orgId);
        const orgName = org ? orgDisplayName(org, lang) : draft.orgId;
        const card = draftCard({ lang, peer, draft, orgName });
        return userIds.map((userId) => ({
          userId,
          activity: { type: "message", attachments: [CardFactory.adaptiveCard(card)] } as Partial<Activity>,
        }));
      });
      return sendAll(dc, peer.dialogueId, sends, peer.postedIn);
    },

    async remindListing(org, userIds) {
      const url = base ? `${base}/#/org/${encodeURIComponent(org.orgId)}` : "";
      // Staff's UI languages are not known here: Finnish and Swedish, as the state's own texts are.
      const text = (["fi", "sv"] as const)
        .map((l) => peerT(l)("remind.text", { org: org.name, url }))
        .join("\n\n");
      return sendAll(
        dc,
        org.orgId,
        userIds.map((userId) => ({ userId, activity: { type: "message", text } })),
      );
    },
  };
}
