import { CardFactory } from "botbuilder";
import type { Dialogue, DialogueLanguage } from "../../dialogues";
import type { RoundsContext } from "./context";
import { sendEach, type FanOutCount, type FanOutDecision } from "./fan-out";
import { firstName, roundsT, timeText } from "./texts";
import { roundTheme } from "./agenda-rounds";
import type { GroupMember, RoundGroup } from "./types";
import { groupActivity } from "../cards/group-card";
import { notesCardFor } from "../cards/notes-card";

/** Every member of a round with their group. */
function membersOf(groups: Iterable<RoundGroup>): Map<string, { member: GroupMember; group: RoundGroup }> {
  const out = new Map<string, { member: GroupMember; group: RoundGroup }>();
  for (const group of groups) for (const member of group.members) out.set(member.userId, { member, group });
  return out;
}

/**
 * Tells each member of a started round their group (personal chat, their language); the scribe
 * also gets a fresh notes card. Payloads and logs carry ids only.
 */
export async function announceRound(
  rc: RoundsContext,
  dialogue: Dialogue,
  round: number,
  endsAt: Date | undefined,
): Promise<FanOutCount> {
  const groups = await rc.cache.round(dialogue.id, round);
  const members = membersOf(groups.values());
  const roomCount = Math.max(0, ...[...groups.values()].map((g) => g.group));
  const rooms =
    dialogue.mode === "inPerson" ? new Map<number, string>() : await rc.rooms.linksFor(dialogue, roomCount);
  const external = rc.externalMembers?.current();
  const byMail = external ? [...members.keys()].filter((id) => external.owns(id)) : [];
  const inTeams = [...members.keys()].filter((id) => !byMail.includes(id));
  const mailed = await mailGroups(rc, dialogue, round, endsAt, byMail, members);
  const decision = { key: `announce|r${round}|${endsAt?.toISOString() ?? ""}`, label: "groupCard" };
  const result = await sendEach(rc, dialogue.id, decision, inTeams, (userId) => {
    const { member, group } = members.get(userId)!;
    const activities = [groupActivity(dialogue, group, member, endsAt, rooms.get(group.group))];
    if (group.scribeId === userId) {
      activities.push({
        type: "message",
        attachments: [CardFactory.adaptiveCard(notesCardFor(member.uiLang, dialogue.id, group, undefined))],
      });
    }
    return activities;
  });
  result.delivered += mailed.delivered;
  result.failed += mailed.failed;
  const notice = { key: `notice-start|r${round}|${endsAt?.toISOString() ?? ""}`, label: "meetingNotice" };
  const inMeeting = await noticeMembers(rc, dialogue, members.values(), notice, (lang) =>
    roundsT(lang)("meetingNotice.start", { round, time: endsAt ? timeText(endsAt) : "" }),
  );
  rc.logger.info("round announced", {
    dialogueId: dialogue.id,
    round,
    ...result,
    byMail: byMail.length,
    inMeeting: inMeeting.sent,
  });
  return result;
}

/**
 * The in-meeting notification to the members of a round (only those with a Teams id: people
 * registered by e-mail are not in the meeting as Teams users). Never throws.
 */
async function noticeMembers(
  rc: RoundsContext,
  dialogue: Dialogue,
  members: Iterable<{ member: GroupMember }>,
  decision: FanOutDecision & { key: string },
  title: (lang: DialogueLanguage) => string,
) {
  const recipients = [...members]
    .map(({ member }) => member)
    .filter((m): m is GroupMember & { teamsId: string } => !!m.teamsId)
    .map((m) => ({ teamsId: m.teamsId, lang: m.uiLang }));
  return rc.notices.notify(dialogue, recipients, title, decision);
}

/** The "2 minutes left" in-meeting notification to every member of the round (no personal message). */
export async function noticeTwoMinutes(rc: RoundsContext, dialogue: Dialogue, round: number, endsAt: Date) {
  const members = membersOf((await rc.cache.round(dialogue.id, round)).values());
  const notice = { key: `notice-2min|r${round}|${endsAt.toISOString()}`, label: "meetingNotice" };
  const count = await noticeMembers(rc, dialogue, members.values(), notice, (lang) =>
    roundsT(lang)("meetingNotice.twoMinutes", { round, time: timeText(endsAt) }),
  );
  rc.logger.info("round two-minute notice", { dialogueId: dialogue.id, round, ...count });
}

/** Group notices by e-mail for members the external channel owns (public registrants). */
async function mailGroups(
  rc: RoundsContext,
  dialogue: Dialogue,
  round: number,
  endsAt: Date | undefined,
  userIds: readonly string[],
  members: Map<string, { member: GroupMember; group: RoundGroup }>,
): Promise<FanOutCount> {
  const count: FanOutCount = { delivered: 0, failed: 0 };
  const channel = rc.externalMembers?.current();
  if (!channel) return count;
  for (const userId of userIds) {
    const { member, group } = members.get(userId)!;
    const ok = await channel
      .sendGroup({
        dialogue,
        group,
        member,
        others: group.members
          .filter((m) => m.userId !== userId)
          .map((m) => firstName(m.name))
          .filter(Boolean),
        theme: roundTheme(dialogue, round),
        endsAt,
        roomUrl: group.joinUrl || dialogue.meetingUrl,
        key: `${dialogue.id}|announce|r${round}|${endsAt?.toISOString() ?? ""}|${userId}`,
      })
      .catch(() => false);
    if (ok) count.delivered++;
    else count.failed++;
  }
  return count;
}

/**
 * A text to every member of a round (and the facilitators), each in their language. `text`
 * gets the member and whether they are their group's scribe.
 */
export async function tellRound(
  rc: RoundsContext,
  dialogue: Dialogue,
  round: number,
  decision: FanOutDecision,
  text: (member: GroupMember, isScribe: boolean) => string,
): Promise<FanOutCount> {
  const members = membersOf((await rc.cache.round(dialogue.id, round)).values());
  return sendEach(rc, dialogue.id, decision, [...members.keys()], (userId) => {
    const { member, group } = members.get(userId)!;
    return [{ type: "message", text: text(member, group.scribeId === userId) }];
  });
}

/** "5 minutes left" to every member of the round. */
export const sendWarning = (rc: RoundsContext, dialogue: Dialogue, round: number, endsAt: Date) =>
  tellRound(rc, dialogue, round, { key: `warn5|r${round}|${endsAt.toISOString()}`, label: "timer" }, (m) =>
    roundsT(m.uiLang)("timer.fiveMinutes", { round, time: timeText(endsAt) }),
  );

/**
 * "Round over" to every member; scribes are reminded they can still finish their notes. Members
 * in the dialogue's Teams meeting also get an in-meeting notification.
 */
export async function sendRoundOver(rc: RoundsContext, dialogue: Dialogue, round: number, endsAt: Date) {
  const decision = { key: `over|r${round}|${endsAt.toISOString()}`, label: "timer" };
  const sent = await tellRound(rc, dialogue, round, decision, (m, scribe) =>
    roundsT(m.uiLang)(scribe ? "timer.overScribe" : "timer.over", { round }),
  );
  const members = membersOf((await rc.cache.round(dialogue.id, round)).values());
  const notice = { key: `notice-over|r${round}|${endsAt.toISOString()}`, label: "meetingNotice" };
  await noticeMembers(rc, dialogue, members.values(), notice, (lang) =>
    roundsT(lang)("meetingNotice.over", { round }),
  );
  return sent;
}
