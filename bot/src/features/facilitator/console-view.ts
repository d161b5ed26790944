import type {
  ConsoleDialogue,
  ConsoleGroup,
  FacilitatorConsole,
  ParticipantConsole,
  ShownRoundStatus,
} from "@dialogi/contracts";
import type { Language } from "../../platform/i18n/i18n";
import type { Dialogue } from "../dialogues";
import type { LinkRepository } from "../meetings";
import {
  attendanceRound,
  EXTEND_CHOICES,
  firstName,
  MAX_BROADCAST,
  RoundError,
  startsEarly,
  type Caller,
  type RoundGroup,
  type RoundsServices,
  type RunState,
} from "../rounds";

/** What the console views read. */
export interface ConsoleDeps {
  rounds: RoundsServices;
  links: LinkRepository;
}

const dialogueOf = (d: Dialogue): ConsoleDialogue => ({
  id: d.id,
  title: d.title,
  start: d.start.toISOString(),
  end: d.end.toISOString(),
});

/**
 * Groups of `round`: a started round's from the cache; a formed round not started yet (a
 * proposal, which the cache refuses with `roundClosed`) straight from the table.
 */
const groupsOf = async (
  s: RoundsServices,
  dialogueId: string,
  round: number,
  started = true,
): Promise<RoundGroup[]> =>
  round < 1
    ? []
    : (started
        ? [...(await s.rc.cache.round(dialogueId, round)).values()]
        : await s.rc.groups.listRound(dialogueId, round)
      ).sort((a, b) => a.group - b.group);

/**
 * The round whose groups the panel shows, and where it stands: the round attendance acts on (the
 * running one, else the next formed one — as the bot's controls card shows the next round's
 * proposal between rounds), else the last round held (after the last round, after the end).
 */
export function shownRound(s: RunState): { round: number; status: ShownRoundStatus } {
  const from = attendanceRound(s);
  if (from > 0) return { round: from, status: s.running ? "running" : "next" };
  return s.round > 0 ? { round: s.round, status: "ended" } : { round: 0, status: "none" };
}

/**
 * The facilitator's console: run state, registered people with presence, the shown round's
 * groups with room links and note counts (counts only: notes are read in the summary). The
 * role check is the rounds services' own (`run.view` refuses everyone but facilitators and
 * organisers with `forbidden`). Only this view carries people's ids (the `person` of the
 * attendance operations); the participant view below has names only.
 */
export async function facilitatorConsole(
  deps: ConsoleDeps,
  dialogueId: string,
  caller: Caller,
  lang: Language,
): Promise<FacilitatorConsole> {
  const s = deps.rounds;
  const { dialogue, state } = await s.run.view(dialogueId, caller);
  const { round, status } = shownRound(state);
  // A round not started yet has no notes: it gets no counts rather than zeros.
  const counted = status === "running" || status === "ended";
  const [registered, present, groups, rooms, notes] = await Promise.all([
    s.rc.registrations.confirmed(dialogue.id),
    deps.links.present(dialogue.id),
    groupsOf(s, dialogue.id, round, round <= state.round),
    s.rc.rooms.stored(dialogue.id),
    counted ? s.rc.notes.list(dialogue.id) : Promise.resolve([]),
  ]);
  const noteCount = new Map<number, number>();
  for (const n of notes) if (n.round === round) noteCount.set(n.group, (noteCount.get(n.group) ?? 0) + 1);
  const consoleGroups: ConsoleGroup[] = groups.map((g) => ({
    group: g.group,
    members: g.members.map((m) => ({
      id: m.userId,
      name: m.name,
      scribe: m.userId === g.scribeId,
      present: present.has(m.userId),
    })),
    ...(rooms.get(g.group) ? { roomUrl: rooms.get(g.group) } : {}),
    ...(counted ? { notes: noteCount.get(g.group) ?? 0 } : {}),
  }));
  // Late-joiner choices, as on the bot's control card: confirmed registrants in no group shown
  // — only while attendance acts on the round shown (else the operation would be refused).
  const inGroups = new Set(groups.flatMap((g) => g.members.map((m) => m.userId)));
  const lateJoinerChoices =
    (status !== "running" && status !== "next") || groups.length === 0
      ? []
      : registered
          .filter((r) => !inGroups.has(r.userId))
          .map((r) => ({ id: r.userId, name: r.name }))
          .sort((a, b) => a.name.localeCompare(b.name, "fi"));
  const smallGroups =
    status === "running" && state.phase !== "ended"
      ? await s.attendance.smallGroupChoices(dialogue.id, round)
      : [];
  const summaryUrl = (f: "md" | "docx" | "csv") =>
    s.rc.links.summaryUrl(dialogue.id, f, caller.userId ?? "", lang);
  const md = summaryUrl("md");
  return {
    role: "facilitator",
    dialogue: dialogueOf(dialogue),
    phase: state.phase,
    round: state.round,
    plannedRounds: state.plannedRounds,
    formedRounds: state.formedRounds,
    running: state.running,
    ...(state.running && state.roundEndsAt ? { roundEndsAt: state.roundEndsAt.toISOString() } : {}),
    serverNow: s.rc.now().toISOString(),
    startsEarly: state.phase === "notStarted" && startsEarly(dialogue, s.rc.now()),
    registered: registered
      .map((r) => ({ name: r.name, present: present.has(r.userId) }))
      .sort((a, b) => a.name.localeCompare(b.name, "fi")),
    groupsRound: round,
    groupsStatus: status,
    groups: consoleGroups,
    lateJoinerChoices,
    smallGroups,
    extendChoices: [...EXTEND_CHOICES],
    maxBroadcast: MAX_BROADCAST,
    ...(state.phase === "ended" && md
      ? { summary: { md, docx: summaryUrl("docx")!, csv: summaryUrl("csv")! } }
      : {}),
  };
}

/**
 * A participant's view: their group in the current round and its room link, nothing else; after
 * the end no group (there is no room to go to any more). Anyone who is neither a facilitator nor
 * a member of a group is refused (`forbidden`).
 */
export async function participantConsole(
  deps: ConsoleDeps,
  dialogue: Dialogue,
  caller: Caller,
): Promise<ParticipantConsole> {
  const s = deps.rounds;
  const state = await s.rc.groups.getState(dialogue.id);
  const registered = (await s.rc.registrations.confirmed(dialogue.id)).some(
    (r) => r.userId === caller.userId,
  );
  const round = state && state.round > 0 ? state.round : 0;
  const mine = (await groupsOf(s, dialogue.id, round)).find((g) =>
    g.members.some((m) => m.userId === caller.userId),
  );
  if (!registered && !mine) throw new RoundError("forbidden");
  const ended = state?.phase === "ended";
  const room = mine && !ended && (await s.rc.rooms.stored(dialogue.id)).get(mine.group);
  return {
    role: "participant",
    dialogue: dialogueOf(dialogue),
    phase: state?.phase ?? "notStarted",
    round,
    running: !!state?.running,
    ...(state?.running && state.roundEndsAt ? { roundEndsAt: state.roundEndsAt.toISOString() } : {}),
    serverNow: s.rc.now().toISOString(),
    ...(mine && !ended
      ? {
          group: {
            group: mine.group,
            members: mine.members.map((m) => firstName(m.name)),
            scribe: mine.scribeId === caller.userId,
            ...(room && dialogue.mode !== "inPerson" ? { roomUrl: room } : {}),
          },
        }
      : {}),
  };
}
