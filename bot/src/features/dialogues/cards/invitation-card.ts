import invitationTemplate from "./invitation.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import { formatMinutes } from "../../../platform/time/helsinki-time";
import { REMOTE_OPENS_EARLY_MIN } from "../domain/reminders";
import type { InvitationView } from "../domain/registration-service";
import type { Dialogue, Registration, RegistrationCounts } from "../domain/types";
import { seatsLeft } from "../domain/user-state";
import { siteText } from "../../../platform/text/site";
import {
  dialogueT,
  instantText,
  languagesText,
  organisersText,
  whenText,
  whereText,
} from "../handlers/texts";
import { IAP2_TEXTS, isIap2Level, isMethodId, METHOD_TEMPLATES } from "../domain/methods";

/** Data bound into `cards/invitation.json`. */
export interface InvitationCardData {
  dialogueId: string;
  version: number;
  refreshUserIds: string[];
  refreshLabel: string;
  kicker: string;
  title: string;
  statusText: string;
  statusColor: "Default" | "Good" | "Warning" | "Attention";
  facts: { title: string; value: string }[];
  description: string;
  themesHeading: string;
  themes: { text: string }[];
  agendaHeading: string;
  agenda: { time: string; title: string }[];
  /** The method's process phases (a citizens' jury has four), numbered. */
  phasesHeading: string;
  phases: { text: string }[];
  materialsHeading: string;
  /** Material links, shown as Action.OpenUrl buttons. */
  materials: { title: string; url: string }[];
  meetingUrl: string;
  meetingLabel: string;
  meetingText: string;
  showRegister: boolean;
  registerLabel: string;
  calendarUrl: string;
  calendarLabel: string;
  showCancelRegistration: boolean;
  cancelRegistrationLabel: string;
  /** The in-place "are you sure" of cancelling: what happens to the seat or the queue place. */
  cancelConfirmText: string;
  cancelConfirmLabel: string;
  showManage: boolean;
  manageLabel: string;
  /** The public registration page (dialogues open to everyone), for sharing outside Teams. */
  publicPageUrl: string;
  publicPageLabel: string;
  /** Footer: where to ask for help ("" without a configured contact). */
  supportText: string;
}

/** Adaptive Cards allow at most 60 ids in `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/**
 * Teams ids whose clients refresh the card into their own view: organisers first, then
 * registrants in arrival order, capped at 60. Everyone else sees the shared version.
 */
export function refreshUserIds(
  dialogue: Dialogue,
  active: readonly Registration[],
  extra?: string,
): string[] {
  const ids = [
    ...(extra ? [extra] : []),
    ...dialogue.facilitators.map((f) => f.teamsId),
    dialogue.createdBy.teamsId,
    ...active.map((r) => r.teamsId),
  ].filter((id): id is string => !!id);
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

/** What the reader may do beyond the shared view. */
export interface PersonalView {
  view: InvitationView;
  /** What the person's last action did (e.g. "cancelled; your seat went on"), shown as the status. */
  notice?: string;
  isOrganiser: boolean;
  calendarUrl?: string;
}

/**
 * The invitation card. Without `personal` it is the shared version posted to channels (the
 * invitation and a Register button); with it, the reader's own state, seats left and actions.
 */
export function invitationCard(input: {
  dialogue: Dialogue;
  counts: RegistrationCounts;
  lang: Language;
  refreshUserIds: string[];
  personal?: PersonalView;
  /** Link to the public registration page (audience "public" only). */
  publicPageUrl?: string;
  /** Support contact for the footer. */
  support?: { email: string; url: string };
}): Record<string, unknown> {
  const { dialogue: d, counts, personal } = input;
  const t = dialogueT(input.lang);
  const left = seatsLeft(d, counts);
  const state = personal?.view.state;
  const cancelled = d.state === "cancelled";
  const ended = !cancelled && !!d.endedAt;
  // An ended or cancelled dialogue takes no registrations: no seats, no Register button.
  const closed = cancelled || ended;
  const registered = state === "registered";
  const inList = registered || state === "waitlisted";

  // Older rows have no method; a method id from a newer version unknown here is left out.
  const method = isMethodId(d.method) ? d.method : undefined;
  const level = isIap2Level(d.participationLevel) ? d.participationLevel : undefined;
  const facts = [
    { title: t("card.when"), value: whenText(t, d) },
    { title: t("card.where"), value: whereText(t, d) },
    { title: t("card.deadline"), value: instantText(t, d.deadline) },
    ...(closed
      ? []
      : [
          {
            title: t("card.seats"),
            value:
              left > 0
                ? t("card.seatsLeft", { left, capacity: d.capacity })
                : t("card.full", { count: counts.waitlisted }),
          },
        ]),
    { title: t("card.languages"), value: languagesText(t, d) },
    ...(organisersText(d) ? [{ title: t("card.organisers"), value: organisersText(d, input.lang) }] : []),
    ...(d.targetAudience ? [{ title: t("card.targetAudience"), value: d.targetAudience }] : []),
    ...(method && d.method !== "dialogue"
      ? [{ title: t("card.method"), value: METHOD_TEMPLATES[method].name[input.lang] }]
      : []),
    ...(level
      ? [
          {
            title: t("card.level"),
            value: `${IAP2_TEXTS[level].name[input.lang]} – ${IAP2_TEXTS[level].promise[input.lang]}`,
          },
        ]
      : []),
    { title: t("card.groundRules"), value: t(`groundRules.${d.groundRules}`) },
  ];

  const status: Pick<InvitationCardData, "statusText" | "statusColor"> = cancelled
    ? { statusText: t("state.cancelled"), statusColor: "Attention" }
    : personal?.notice
      ? { statusText: personal.notice, statusColor: "Good" }
      : ended
        ? { statusText: t("state.ended"), statusColor: "Default" }
        : state
          ? {
              statusText: t(`state.${state}`),
              statusColor: registered ? "Good" : state === "notRegistered" ? "Default" : "Warning",
            }
          : { statusText: "", statusColor: "Default" };

  const showMeeting = registered && !closed && d.meetingUrl !== "";
  const data: InvitationCardData = {
    dialogueId: d.id,
    version: d.version,
    refreshUserIds: input.refreshUserIds,
    refreshLabel: t("card.refresh"),
    kicker: t("card.kicker"),
    title: d.title,
    ...status,
    facts,
    description: d.description,
    themesHeading: t("card.themes"),
    themes: d.themes.map((text) => ({ text })),
    agendaHeading: t("card.agenda"),
    agenda: d.agenda.map((i) => ({
      time: formatMinutes(i.minutes),
      title:
        (i.breakout ? `${i.title} (${t("card.breakout")})` : i.title) +
        (i.description ? ` — ${i.description}` : ""),
    })),
    phasesHeading: t("card.phases"),
    phases: (method ? METHOD_TEMPLATES[method].phases : []).map((p, n) => ({
      text: `${n + 1}. ${p[input.lang]}`,
    })),
    materialsHeading: t("card.materials"),
    materials: closed ? [] : (d.materials ?? []),
    meetingUrl: showMeeting ? d.meetingUrl : "",
    meetingLabel: t("card.joinMeeting"),
    meetingText: t("card.meetingOpensEarly", { minutes: REMOTE_OPENS_EARLY_MIN }),
    // The shared card always offers Register; the click is checked against the server clock.
    showRegister: !closed && (!personal || state === "notRegistered" || state === "full"),
    registerLabel: state === "full" ? t("card.joinWaitlist") : t("card.register"),
    calendarUrl: (inList && !closed && personal?.calendarUrl) || "",
    calendarLabel: t("card.addToCalendar"),
    showCancelRegistration: inList && !closed,
    cancelRegistrationLabel: t("card.cancelRegistration"),
    cancelConfirmText: t(registered ? "card.cancelConfirmSeat" : "card.cancelConfirmQueue"),
    cancelConfirmLabel: t("card.cancelConfirm"),
    showManage: !!personal?.isOrganiser,
    manageLabel: t("card.manage"),
    publicPageUrl: cancelled ? "" : (input.publicPageUrl ?? ""),
    publicPageLabel: t("card.publicPage"),
    supportText: input.support
      ? t("card.support", { email: input.support.email, site: siteText(input.support.url) })
      : "",
  };
  return expandCard(invitationTemplate, data);
}
