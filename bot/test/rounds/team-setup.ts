import type { Actor } from "../dialogues/conversation-helpers";
import { REGISTRANTS, tableRows } from "./helpers";
import { organiser, useRoundsStory, type RoundsStory } from "./flow/story";

// Shared by the team-*.spec.ts files (issue #18 items 1–3): co-organisers and facilitators from
// "Manage organisers", the facilitator guide, and attendance on the day, on the rounds story.

/** A co-organiser; people picker values are AAD object ids (GUIDs). */
export const coOrganiser: Actor = {
  userId: "0b7c3a52-1f0e-4c8b-9d1a-2a6f0c1e5b01",
  userName: "Coco Järjestäjä",
  locale: "fi-FI",
};
/** A facilitator (picked in the people picker). */
export const facilitator: Actor = {
  userId: "5d2e9f10-7a4b-4e61-8c3f-6b1a9e2d4c02",
  userName: "Fanni Fasilitaattori",
  locale: "fi-FI",
};
/** A registrant with no staff role. */
export const stranger = REGISTRANTS[1]!;
/** Registers after the groups were formed. */
export const late: Actor = { userId: "aad-late-joiner", userName: "Lauri Myöhänen", locale: "fi-FI" };
/** The organiser with a Swedish Teams. */
export const sv: Actor = { ...organiser, locale: "sv-FI" };
/** The organiser with an English Teams. */
export const en: Actor = { ...organiser, locale: "en-US" };

/** The rounds story with the team's helpers. */
export interface TeamStory {
  story: RoundsStory;
  /** Clicks a verb on the story's dialogue (as the organiser unless `who` is given). */
  staff(verb: string, data: Record<string, unknown>, who?: Actor): ReturnType<RoundsStory["controls"]>;
  /** The dialogue's audit rows: who did what to whom. */
  audit(): Promise<{ byId: unknown; action: unknown; target: unknown }[]>;
}

/**
 * Registers the rounds story's hooks (see useRoundsStory), then a `before()` in which the
 * co-organiser, the facilitator and the late joiner open their bot chats.
 */
export function useTeamStory(): TeamStory {
  const story = useRoundsStory();
  before(async () => {
    for (const a of [coOrganiser, facilitator, late]) await story.bot.say(a, "apua");
  });
  return {
    story,
    staff: (verb, data, who = organiser) =>
      story.bot.execute(who, verb, { dialogueId: story.dialogueId, ...data }),
    audit: async () =>
      (await tableRows(story.app, "Dialogues", story.dialogueId))
        .filter((r) => String(r.rowKey).startsWith("audit-"))
        .map((r) => ({ byId: r.byId, action: r.action, target: r.target })),
  };
}
