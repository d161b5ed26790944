import { CardFactory } from "botbuilder";
import type { Activity } from "botframework-schema";
import type { EnqueueOptions } from "../../../platform/outbox/outbox";
import type { OutboxItem } from "../../../platform/outbox/outbox-types";
import type { Dialogue, Registration } from "../domain/types";
import { isOrganiser } from "../domain/user-state";
import type { DialogueContext } from "./context";
import { isExternalUserId } from "../domain/ids";
import type { ExternalNoticeKind } from "./external";
import { invitationCard, refreshUserIds } from "../cards/invitation-card";
import { dialogueT, whenText } from "./texts";
import { forEachLimit } from "../../../platform/concurrency";
import { escapeMarkdown } from "../../../platform/teams/markdown";

/**
 * The dialogue's title as it goes into a notice's text: Teams renders message text as Markdown,
 * so an organiser's `[Confirm here](https://…)` would become a link sent by the bot; shown
 * literally instead. E-mail notices (people from the public page) are plain text: unchanged.
 */
export const titleFor = (dialogue: Dialogue, r: Registration) =>
  isExternalUserId(r.userId) ? dialogue.title : escapeMarkdown(dialogue.title);

/** How many personal messages are in flight at once (Teams throttles per bot and tenant). */
const FAN_OUT = 4;

/** The invitation as one registrant sees it, in their language (for personal messages). */
export async function invitationFor(
  dc: DialogueContext,
  dialogue: Dialogue,
  registration: Registration,
): Promise<Record<string, unknown>> {
  const [view, active] = await Promise.all([
    dc.registrations.view(dialogue, registration.userId),
    dc.registrations.active(dialogue.id),
  ]);
  return invitationCard({
    dialogue,
    counts: view.counts,
    lang: registration.uiLang,
    refreshUserIds: refreshUserIds(dialogue, active, registration.teamsId),
    personal: {
      view,
      isOrganiser: isOrganiser(dialogue, registration.userId),
      calendarUrl: dc.links.calendarUrl(dialogue.id),
    },
    support: dc.links.support,
  });
}

/** Whether a card offers an action that opens `url` (the calendar button is shown only sometimes). */
function offersUrl(card: unknown, url: string | undefined): boolean {
  if (!url || !card || typeof card !== "object") return false;
  if ((card as { url?: unknown }).url === url) return true;
  return Object.values(card).some((v) => offersUrl(v, url));
}

/**
 * The personal message (text, and the invitation card when `withCard`) for a Teams registrant.
 * The hint names the card's calendar button, so it is added only when the card has one (no
 * public URL, a waitlisted person or a closed dialogue: no button, no hint).
 */
async function personalActivity(
  dc: DialogueContext,
  dialogue: Dialogue,
  registration: Registration,
  text: string,
  withCard: boolean,
  calendarHint?: string,
): Promise<Partial<Activity>> {
  const card = withCard ? await invitationFor(dc, dialogue, registration) : undefined;
  if (calendarHint && offersUrl(card, dc.links.calendarUrl(dialogue.id))) text = `${text} ${calendarHint}`;
  return { type: "message", text, ...(card ? { attachments: [CardFactory.adaptiveCard(card)] } : {}) };
}

/** A decision to message registrants, as the outbox records it: a stable key makes a rerun send nothing twice. */
export interface NoticeDecision {
  /** Unique per decision within the dialogue (e.g. `reminder24h|<start>`); derived, never random. */
  key: string;
  /** Shown with failures to organisers and facilitators. */
  label: string;
}

/** The outbox row of one Teams registrant's message (`via` opens a personal chat through a channel). */
async function personalItem(
  dc: DialogueContext,
  dialogue: Dialogue,
  r: Registration,
  text: string,
  withCard: boolean,
  calendarHint?: string,
  via?: string,
): Promise<OutboxItem> {
  const payload = await personalActivity(dc, dialogue, r, text, withCard, calendarHint);
  return {
    recipient: r.userId,
    target: { kind: "user", userId: r.userId, ...(via ? { via } : {}) },
    payload,
  };
}

/**
 * One personal message. A Teams registrant's is recorded in the durable outbox under
 * `decision` (the sender delivers, retries, and shows a failure to the organisers and
 * facilitators; the same decision again adds nothing); resolves true once it is recorded and
 * throws when it could not be (the caller's job or click is retried). People who registered on
 * the public page have no Teams chat: their notice goes by e-mail through the installed external
 * channel (durable mail), false when there is none.
 */
export async function sendPersonal(
  dc: DialogueContext,
  dialogue: Dialogue,
  registration: Registration,
  text: string,
  withCard: boolean,
  decision: NoticeDecision,
  options: { via?: string; kind?: ExternalNoticeKind; calendarHint?: string } = {},
): Promise<boolean> {
  if (isExternalUserId(registration.userId)) {
    const channel = dc.external?.current();
    const notice = { kind: options.kind ?? "message", dialogue, registration, text };
    return channel
      ? await channel.notify({ ...notice, key: `${dialogue.id}|${decision.key}|${registration.userId}` })
      : false;
  }
  const item = await personalItem(
    dc,
    dialogue,
    registration,
    text,
    withCard,
    options.calendarHint,
    options.via,
  );
  // Not waited for: in a registration burst the answers would queue behind the sender (500 at
  // once took 90 s instead of 50 s here); the card answering the click already says it.
  await dc.outbox.enqueue({ ...decision, dialogueId: dialogue.id }, [item]);
  return true;
}

/**
 * Sends `message(registration)` to each registrant; returns how many were recorded for
 * delivery. Teams registrants' messages are delivery rows under `decision`, written together
 * before anything is sent (the sender retries and shows what failed); e-mail registrants go
 * through the external channel, whose mail is durable too, keyed by the same decision.
 */
export async function fanOut(
  dc: DialogueContext,
  dialogue: Dialogue,
  recipients: readonly Registration[],
  message: (r: Registration) => string,
  withCard: boolean,
  kind: ExternalNoticeKind,
  calendarHint: ((r: Registration) => string) | undefined,
  decision: NoticeDecision,
  /** E.g. wait for the delivery on the sending instance when a click reports the count. */
  enqueueOptions?: EnqueueOptions,
): Promise<number> {
  const inTeams = recipients.filter((r) => !isExternalUserId(r.userId));
  const items: OutboxItem[] = [];
  await forEachLimit(inTeams, FAN_OUT, async (r) => {
    items.push(await personalItem(dc, dialogue, r, message(r), withCard, calendarHint?.(r)));
  });
  await dc.outbox.enqueue({ ...decision, dialogueId: dialogue.id }, items, enqueueOptions);
  let delivered = items.length;
  const byMail = recipients.filter((r) => isExternalUserId(r.userId));
  await forEachLimit(byMail, FAN_OUT, async (r) => {
    const options = { kind, calendarHint: calendarHint?.(r) };
    if (await sendPersonal(dc, dialogue, r, message(r), withCard, decision, options)) delivered++;
  });
  return delivered;
}

/**
 * Personal confirmation (seat or waitlist) with the calendar link and a cancel button. `via` is
 * the conversation the person registered in, used to open a personal chat when there is none.
 */
export function sendConfirmation(
  dc: DialogueContext,
  dialogue: Dialogue,
  r: Registration,
  via?: string,
): Promise<boolean> {
  const t = dialogueT(r.uiLang);
  const kind = r.status === "confirmed" ? "confirmed" : "waitlisted";
  return sendPersonal(
    dc,
    dialogue,
    r,
    t(`notify.${kind}`, { title: titleFor(dialogue, r), when: whenText(t, dialogue) }),
    true,
    // One per registration (a second submit of the same card registers nothing new); a person
    // who cancels and registers again has a new registration time, so a new confirmation.
    { key: `${kind}|${r.userId}|${r.registeredAt.getTime()}`, label: kind },
    { via, kind, calendarHint: t("notify.calendarHint", { button: t("card.addToCalendar") }) },
  );
}

/** Tells a person they got a seat from the waitlist. */
export function sendPromotion(dc: DialogueContext, dialogue: Dialogue, r: Registration): Promise<boolean> {
  const t = dialogueT(r.uiLang);
  return sendPersonal(
    dc,
    dialogue,
    r,
    t("notify.promoted", { title: titleFor(dialogue, r), when: whenText(t, dialogue) }),
    true,
    // A registration leaves the waitlist once: whoever frees the seat (cancel, removal, more
    // seats), a rerun of that decision finds this key and sends nothing again.
    { key: `promoted|${r.userId}|${r.registeredAt.getTime()}`, label: "promoted" },
    { kind: "promoted", calendarHint: t("notify.calendarHint", { button: t("card.addToCalendar") }) },
  );
}

/** Tells every registrant the dialogue was cancelled. */
export function sendCancellation(
  dc: DialogueContext,
  dialogue: Dialogue,
  recipients: readonly Registration[],
) {
  return fanOut(
    dc,
    dialogue,
    recipients,
    (r) =>
      dialogueT(r.uiLang)("notify.cancelled", {
        title: titleFor(dialogue, r),
        when: whenText(dialogueT(r.uiLang), dialogue),
      }),
    false,
    "cancelled",
    undefined,
    { key: `cancelled|v${dialogue.version}`, label: "cancelled" },
  );
}

/** Tells every registrant the details changed (their card carries the new calendar link). */
export function sendChanged(dc: DialogueContext, dialogue: Dialogue, recipients: readonly Registration[]) {
  return fanOut(
    dc,
    dialogue,
    recipients,
    (r) =>
      dialogueT(r.uiLang)("notify.changed", {
        title: titleFor(dialogue, r),
        when: whenText(dialogueT(r.uiLang), dialogue),
      }),
    true,
    "changed",
    (r) =>
      dialogueT(r.uiLang)("notify.calendarHintChanged", {
        button: dialogueT(r.uiLang)("card.addToCalendar"),
      }),
    { key: `changed|v${dialogue.version}`, label: "changed" },
  );
}
