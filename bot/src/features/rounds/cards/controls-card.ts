import { randomUUID } from "node:crypto";
import controlsTemplate from "./round-controls.json";
import { expandCard } from "../../../platform/teams/render-card";
import type { Language } from "../../../platform/i18n/i18n";
import type { Dialogue } from "../../dialogues";
import { EXTEND_CHOICES } from "../services/run-service";
import { DEFAULT_SIZES } from "../domain/grouping";
import { roundsT, timeText } from "../services/texts";
import type { RoundGroup, RunState } from "../services/types";

/** Groups listed on the card; the CSV has all of them. */
export const MAX_LISTED_GROUPS = 25;
/** People offered in the "move" list (Teams renders long choice lists slowly). */
const MAX_MOVE_CHOICES = 300;

type Fact = { title: string; value: string };

/** What the controls card shows besides the state. */
export interface ControlsExtras {
  /** Groups of the next round (proposal, may still change) or of the current round. */
  groups?: { round: number; proposal: boolean; list: readonly RoundGroup[] };
  quality?: Fact[];
  warnings?: string[];
  csvUrl?: string;
  confirmed: number;
  /** Breakout rooms' own Teams meetings (Graph): room number → join link. */
  roomLinks?: ReadonlyMap<number, string>;
  notice?: { text: string; color: "Good" | "Attention" | "Default" };
  /** Set when starting now would be well before the scheduled start: the confirmation asked. */
  earlyStartText?: string;
  /** A start that was not done because it would be early: the card asks to confirm it at the top. */
  earlyAsk?: { text: string; verb: string; round?: number };
  /** Confirmed registrants not in the groups shown (late-joiner choices). */
  outside?: readonly { userId: string; name: string }[];
  /** An attendance change asked for: what it will do, and the action that confirms it. */
  confirm?: { lines: string[]; verb: string; data: Record<string, unknown> };
  /** Running round's groups below the minimum, with the choice: keep, or move the members. */
  smallGroups?: readonly { group: number; size: number; minSize: number; canMove: boolean }[];
}

/** One line per group: "Anna Aalto (scribe), Björn B, …". */
function groupMembers(lang: Language, g: RoundGroup): string {
  const t = roundsT(lang);
  return g.members
    .map((m) => (m.userId === g.scribeId ? `${m.name} (${t("controls.scribeMark")})` : m.name))
    .join(", ");
}

/** The warning that ending now leaves planned rounds unrun ("" when all have run or are running). */
function skippedRounds(lang: Language, state: RunState): string {
  const total = Math.max(state.plannedRounds, state.formedRounds);
  const from = state.round + 1;
  if (from > total) return "";
  return roundsT(lang)("controls.skippedRounds", { count: total - state.round, from, to: total });
}

/**
 * The facilitator controls for the current phase: start the dialogue, form groups (proposal with
 * quality figures, warnings and "move a person"), start / extend / end a round, message all
 * groups, member notes on/off, end the dialogue, and the summary afterwards.
 */
export function controlsCard(
  lang: Language,
  dialogue: Dialogue,
  state: RunState,
  extras: ControlsExtras,
): Record<string, unknown> {
  const t = roundsT(lang);
  const ended = state.phase === "ended";
  const nextRound = state.round + 1;
  const hasNext = nextRound <= Math.max(state.plannedRounds, state.formedRounds);
  const g = extras.groups;
  const proposal = !!g?.proposal && !state.running && !ended;
  const movable = proposal && g!.list.length > 1;
  const people = movable
    ? g!.list
        .flatMap((grp) => grp.members.map((m) => ({ title: `${m.name} (${grp.group})`, value: m.userId })))
        .slice(0, MAX_MOVE_CHOICES)
    : [];
  // The dialogue's sizes (method or facilitator), else what forming would use by default.
  const defaults = DEFAULT_SIZES[dialogue.mode === "inPerson" ? "inPerson" : "remote"];
  const sizes = {
    minSize: dialogue.grouping?.minSize ?? defaults.minSize,
    maxSize: dialogue.grouping?.maxSize ?? defaults.maxSize,
  };
  return expandCard(controlsTemplate, {
    dialogueId: dialogue.id,
    version: state.version,
    round: state.round,
    nextRound,
    kicker: t("controls.kicker", { id: dialogue.id }),
    title: dialogue.title,
    notice: extras.notice?.text ?? "",
    noticeColor: extras.notice?.color ?? "Default",
    roundText: state.running
      ? t("controls.roundRunning", { round: state.round, time: timeText(state.roundEndsAt) })
      : t("controls.roundIdle"),
    facts: [
      { title: t("controls.status"), value: t(`phase.${state.phase}`) },
      {
        title: t("controls.round"),
        value: t("controls.roundOf", {
          round: state.round,
          total: Math.max(state.plannedRounds, state.formedRounds),
        }),
      },
      { title: t("controls.participants"), value: String(extras.confirmed) },
      { title: t("controls.groupSizes"), value: `${sizes.minSize}–${sizes.maxSize}` },
      {
        title: t("controls.membersMayWrite"),
        value: t(state.membersMayWrite ? "controls.yes" : "controls.no"),
      },
    ],
    warningsHeading: t("controls.warningsHeading"),
    warnings: (extras.warnings ?? []).map((text) => ({ text })),
    qualityHeading: t("controls.qualityHeading"),
    quality: extras.quality ?? [],
    groupsHeading: g
      ? t(g.proposal ? "controls.proposalHeading" : "controls.currentHeading", { round: g.round })
      : "",
    groups: (g?.list ?? []).slice(0, MAX_LISTED_GROUPS).map((grp) => ({
      title: t("controls.groupLine", { group: grp.group }),
      members: groupMembers(lang, grp) || "–",
    })),
    moreGroups:
      g && g.list.length > MAX_LISTED_GROUPS
        ? t("controls.moreGroups", { count: g.list.length - MAX_LISTED_GROUPS })
        : "",
    roomsHeading: t("controls.roomsHeading"),
    roomLinks: (g?.list ?? [])
      .slice(0, MAX_LISTED_GROUPS)
      .filter((grp) => extras.roomLinks?.has(grp.group))
      // Buttons, not Markdown links: card text is escaped so user text can never become a link.
      .map((grp) => ({
        title: t("controls.roomLink", { group: grp.group }),
        url: extras.roomLinks!.get(grp.group)!,
      })),
    csvUrl: extras.csvUrl ?? "",
    csvLabel: t("controls.csv"),
    canMove: movable,
    people,
    groupChoices: movable
      ? g!.list.map((grp) => ({ title: String(grp.group), value: String(grp.group) }))
      : [],
    moveLabel: t("controls.move"),
    movePersonLabel: t("controls.movePerson"),
    moveTargetLabel: t("controls.moveTarget"),
    moveRequired: t("controls.moveRequired"),
    moveNowLabel: t("controls.moveNow"),
    sizes,
    sizesLabel: t("controls.groupSizes"),
    minSizeLabel: t("controls.minSize"),
    maxSizeLabel: t("controls.maxSize"),
    sizesNowLabel: t("controls.saveSizes"),
    running: state.running && !ended,
    started: state.phase === "started",
    ended,
    membersMayWrite: state.membersMayWrite,
    canStartDialogue: state.phase === "notStarted",
    earlyStartText: extras.earlyStartText ?? "",
    startEarlyLabel: t("controls.startEarly"),
    earlyAskText: extras.earlyAsk?.text ?? "",
    earlyAskVerb: extras.earlyAsk?.verb ?? "",
    earlyAskRound: extras.earlyAsk?.round ?? 0,
    earlyAskCancel: t("controls.cancelEarly"),
    // Groups are formed for all rounds at once (repeat pairs and scribes rotate across them).
    canForm: !state.running && !ended && state.round === 0,
    canStartRound: !state.running && hasNext && state.formedRounds >= nextRound,
    formLabel: t(state.formedRounds >= nextRound ? "controls.reformGroups" : "controls.formGroups"),
    startDialogueLabel: t("controls.startDialogue"),
    startRoundLabel: t("controls.startRound", { round: nextRound }),
    extendLabel: t("controls.extend"),
    extendMinutesLabel: t("controls.extendMinutes"),
    extendChoices: EXTEND_CHOICES.map((n) => ({
      title: t("controls.minutes", { count: n }),
      value: String(n),
    })),
    extendNowLabel: t("controls.extendNow"),
    broadcastLabel: t("controls.broadcast"),
    broadcastInputLabel: t("controls.broadcastInput"),
    broadcastRequired: t("controls.broadcastRequired"),
    sendLabel: t("controls.send"),
    // Identifies a broadcast sent from this card: a second click on it sends nothing twice.
    broadcastNonce: randomUUID(),
    endRoundLabel: t("controls.endRound"),
    endDialogueLabel: t("controls.endDialogue"),
    endDialogueConfirm: [t("controls.endDialogueConfirm"), skippedRounds(lang, state)].join(" ").trim(),
    endDialogueConfirmLabel: t("controls.endDialogueConfirmButton"),
    memberNotesLabel: t(state.membersMayWrite ? "controls.scribeOnlyNotes" : "controls.allowMemberNotes"),
    refreshLabel: t("controls.refresh"),
    summaryLabel: t("controls.summary"),
    ...attendanceData(lang, state, extras),
    ...confirmData(lang, dialogue.id, extras),
    guideLabel: t("guide.open"),
  });
}

/** The confirm step of an attendance change and the choices for groups below the minimum. */
function confirmData(lang: Language, dialogueId: string, extras: ControlsExtras) {
  const t = roundsT(lang);
  return {
    confirmVerb: extras.confirm?.verb ?? "",
    confirmHeading: t("attendance.confirmHeading"),
    confirmLines: (extras.confirm?.lines ?? []).map((text) => ({ text })),
    confirmData: { ...extras.confirm?.data, dialogueId },
    confirmLabel: t("attendance.confirm"),
    cancelLabel: t("attendance.cancel"),
    smallGroups: (extras.smallGroups ?? []).map((g) => ({
      dialogueId,
      group: g.group,
      canMove: g.canMove,
      text: t(g.canMove ? "attendance.smallGroup" : "attendance.smallGroupNoRoom", {
        group: g.group,
        size: g.size,
        minSize: g.minSize,
      }),
      keepLabel: t("attendance.keep", { group: g.group }),
      moveLabel: t("attendance.moveMembers", { group: g.group }),
    })),
  };
}

/** The absent / late-joiner controls: shown while groups exist and the dialogue has not ended. */
function attendanceData(lang: Language, state: RunState, extras: ControlsExtras) {
  const t = roundsT(lang);
  const list = extras.groups?.list ?? [];
  return {
    canAttend: state.phase !== "ended" && list.length > 0,
    absentLabel: t("controls.absent"),
    absentHint: t(state.running ? "controls.absentHintRunning" : "controls.absentHint"),
    absentPersonLabel: t("controls.absentPerson"),
    absentNowLabel: t("controls.absentNow"),
    absentChoices: list
      .flatMap((grp) => grp.members.map((m) => ({ title: `${m.name} (${grp.group})`, value: m.userId })))
      .slice(0, MAX_MOVE_CHOICES),
    lateLabel: t("controls.late"),
    lateHint: t("controls.lateHint"),
    latePersonLabel: t("controls.latePerson"),
    lateNowLabel: t("controls.lateNow"),
    lateChoices: (extras.outside ?? [])
      .map((r) => ({ title: r.name, value: r.userId }))
      .slice(0, MAX_MOVE_CHOICES),
    canLate: (extras.outside ?? []).length > 0,
    choosePerson: t("controls.choosePerson"),
  };
}
