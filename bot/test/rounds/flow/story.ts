import { startTestApp, type TestApp } from "../../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { cardOf, driver, executeAction, valid, type Actor } from "../../dialogues/conversation-helpers";
import { REGISTRANTS, tableRows } from "../helpers";

/** The app's public address (links in cards start with it). */
// Loopback: test apps run in local mode, which refuses a public URL.
export const PUBLIC_URL = "http://localhost:8443";
/** The dialogue's organiser, who facilitates it. */
export const organiser: Actor = { userId: "aad-rounds-organiser", userName: "Olli Ohjaaja", locale: "fi-FI" };
const AGENDA =
  "09:00 Tervetuloa\n09:30 * Dialogi pienryhmissä\n10:00 * Dialogi pienryhmissä: syvennetään\n10:30 Yhteinen keskustelu\n11:00 Loppu";

/** The dialogue form as Teams merges its inputs into the Action.Execute data. */
export const formInputs = {
  title: "Luottamus hallintoon",
  description: "Miten luottamus syntyy?",
  themes: "Milloin olet luottanut viranomaiseen?\nMikä luottamusta vahvistaisi?",
  date: "2030-03-25",
  startTime: "09:00",
  endTime: "11:00",
  mode: "remote",
  meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_luottamus%40thread.v2/0",
  address: "",
  capacity: "20",
  deadlineDate: "2030-03-18",
  deadlineTime: "16:00",
  languages: "fi,sv",
  organisers: "Valtiovarainministeriö",
  groundRules: "current4",
  agenda: AGENDA,
};

/**
 * State the story's steps share, in order: the real server and what earlier steps created.
 * Steps run in one describe, so a later step reads what an earlier one stored here.
 */
export interface RoundsStory {
  app: TestApp;
  connector: ConnectorRecorder;
  /** The server's clock; steps move it forward. */
  clock: Date;
  /** The bot driven through /api/messages. */
  bot: ReturnType<typeof driver>;
  dialogueId: string;
  /** Notes cards the scribes got, by user id, per round. */
  notesCards: Map<string, Record<string, unknown>>;
  /** Clicks a facilitator control of the dialogue (as the organiser unless `who` is given). */
  controls(
    verb: string,
    data?: Record<string, unknown>,
    who?: Actor,
  ): ReturnType<ReturnType<typeof driver>["execute"]>;
  /** The rounds' run-state row, if any. */
  state(): Promise<Record<string, unknown> | undefined>;
  /** Note rows (the table also holds the rounds' open/closed gate rows). */
  noteRows(): Promise<Record<string, unknown>[]>;
}

/**
 * Registers before/after hooks: the server with a fast job poll; the organiser creates the
 * dialogue through the bot's form and the twelve REGISTRANTS register; the clock then stands at
 * 9.25 Helsinki time on the dialogue's day.
 */
export function useRoundsStory(): RoundsStory {
  const story = {
    clock: new Date("2030-03-01T08:00:00Z"),
    dialogueId: "",
    notesCards: new Map<string, Record<string, unknown>>(),
    controls: async (verb: string, data: Record<string, unknown> = {}, who: Actor = organiser) =>
      story.bot.execute(who, verb, { dialogueId: story.dialogueId, ...data }),
    state: async () =>
      (await tableRows(story.app, "Groups", story.dialogueId)).find((r) => r.rowKey === "state"),
    noteRows: async () =>
      (await tableRows(story.app, "Notes", story.dialogueId)).filter((r) => /^r\d/.test(String(r.rowKey))),
  } as RoundsStory; // app, connector and bot are set in before()

  before(async () => {
    story.connector = await startConnectorRecorder();
    story.app = await startTestApp({
      env: { PUBLIC_URL, JOB_POLL_MS: "50" },
      overrides: { now: () => story.clock },
    });
    story.bot = driver(story.app, story.connector);
    for (const a of [organiser, ...REGISTRANTS]) await story.bot.say(a, "help");
    const [form] = await story.bot.say(organiser, "uusi dialogi");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await story.bot.execute(organiser, "dialogue.create", { ...create.data, ...formInputs });
    story.dialogueId = String(executeAction(valid(created.card), "dialogue.edit")!.data.dialogueId);
    for (const r of REGISTRANTS) {
      const res = await story.bot.execute(r, "registration.submit", {
        dialogueId: story.dialogueId,
        language: r.language,
        organisation: r.organisation,
        background: r.scribe ? "stateAdministration" : "resident",
        scribe: String(r.scribe),
        acceptRules: "true",
      });
      valid(res.card, res);
    }
    story.clock = new Date("2030-03-25T07:25:00Z"); // 9.25 in Helsinki
  });
  after(async () => {
    await story.app.close();
    await story.connector.close();
  });
  return story;
}
