import type { Activity } from "botframework-schema";
import { CardFactory } from "botbuilder";
import groupTemplate from "./group-assignment.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Dialogue } from "../../dialogues";
import { roundTheme } from "../services/agenda-rounds";
import { firstName, groundRules, roundsT, timeText } from "../services/texts";
import type { GroupMember, RoundGroup } from "../services/types";

/** Data bound into `cards/group-assignment.json`. */
export interface GroupCardData {
  dialogueId: string;
  round: number;
  group: number;
  title: string;
  heading: string;
  roomText: string;
  /** The room's own Teams meeting (Graph), or "" for the manual breakout-room instruction. */
  roomUrl: string;
  roomJoinLabel: string;
  endsText: string;
  themeLabel: string;
  theme: string;
  othersLabel: string;
  others: string;
  scribeLabel: string;
  scribe: string;
  youAreScribe: string;
  rulesLabel: string;
  rules: { text: string }[];
  showNotes: boolean;
  addNotesLabel: string;
}

/** The group card one member gets in personal chat when a round starts (in their language). */
export function groupCard(
  dialogue: Dialogue,
  group: RoundGroup,
  member: GroupMember,
  endsAt: Date | undefined,
  roomUrl = "",
): Record<string, unknown> {
  const lang = member.uiLang;
  const t = roundsT(lang);
  const isScribe = group.scribeId === member.userId;
  const scribe = group.members.find((m) => m.userId === group.scribeId);
  // Public registrants who did not consent to show their name have none: they are left out.
  const others = group.members
    .filter((m) => m.userId !== member.userId)
    .map((m) => firstName(m.name))
    .filter(Boolean);
  const data: GroupCardData = {
    dialogueId: dialogue.id,
    round: group.round,
    group: group.group,
    title: dialogue.title,
    heading: t("group.heading", { round: group.round, group: group.group }),
    roomText: t(roomUrl ? "group.roomMeeting" : "group.room", { group: group.group }),
    roomUrl,
    roomJoinLabel: t("group.roomJoin", { group: group.group }),
    endsText: t("group.ends", { time: timeText(endsAt) }),
    themeLabel: t("group.theme"),
    theme: roundTheme(dialogue, group.round),
    othersLabel: t("group.others"),
    others: others.length ? others.join(", ") : t("group.nobody"),
    scribeLabel: t("group.scribe"),
    scribe: scribe ? firstName(scribe.name) : t("group.noScribe"),
    youAreScribe: isScribe ? t("group.youAreScribe") : "",
    rulesLabel: t("group.rules"),
    rules: groundRules(lang, dialogue.groundRules).map((text) => ({ text })),
    // The scribe gets the notes card itself; others may ask for one (allowed or not is checked then).
    showNotes: !isScribe,
    addNotesLabel: t("group.addNotes"),
  };
  return expandCard(groupTemplate, data);
}

/** The message with the group card. */
export function groupActivity(
  dialogue: Dialogue,
  group: RoundGroup,
  member: GroupMember,
  endsAt: Date | undefined,
  roomUrl = "",
): Partial<Activity> {
  return {
    type: "message",
    attachments: [CardFactory.adaptiveCard(groupCard(dialogue, group, member, endsAt, roomUrl))],
  };
}
