import type { ActivityOptions } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createDialogueThroughBot, driver, type Actor } from "./conversation-helpers";

// Shared by the dialogue-flow-*.spec.ts files: one dialogue's life through /api/messages, split by
// what each file tests. Each file starts its own server and brings the dialogue to where it begins.

/** The app's public address (links in cards start with it). Loopback: local mode refuses a public URL. */
export const PUBLIC_URL = "http://localhost:8443";
/** The organiser (Finnish). */
export const organiser: Actor = { userId: "aad-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
/** Registers from the channel (Swedish), never chatted with the bot personally. */
export const anna: Actor = { userId: "aad-anna", userName: "Anna Svensson", locale: "sv-FI" };
/** Registers in English. */
export const ben: Actor = { userId: "aad-ben", userName: "Ben Baker", locale: "en-GB" };
/** Registers third (Finnish) and lands on the waitlist. */
export const kaisa: Actor = { userId: "aad-kaisa", userName: "Kaisa Kallio", locale: "fi-FI" };
/** Comes after the seats are gone or the deadline has passed. */
export const late: Actor = { userId: "aad-late", userName: "Lasse Myöhä", locale: "fi-FI" };
/** Ben's object id in another tenant. */
export const outsider: Actor = { ...ben, userId: "aad-outsider", tenantId: "tenant-other" };
/** The channel the invitation is posted into. */
export const CHANNEL = "19:dialogues-channel@thread.tacv2";
/** The dialogue's Teams meeting link. */
export const TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_treffitori%40thread.v2/0";
/** Where the clock stands while people register (10.00 Helsinki time on 1 March). */
export const REGISTRATION_TIME = "2030-03-01T08:00:00Z";

/** The form inputs as Teams merges them into the Action.Execute data. */
export function formInputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Hallinnon ja järjestöjen treffitori",
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä?",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?\nMitä yhteisiin tavoitteisiin pääseminen vaatii?",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: TEAMS_LINK,
    address: "",
    capacity: "2",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi,sv,en",
    organisers: "Valtiovarainministeriö, oikeusministeriö",
    groundRules: "current4",
    agenda:
      "09:00 Tervetuloa, päivän tavoitteet\n09:30 * Dialogikeskustelut\n10:30 Yhteinen keskustelu\n11:00 Tilaisuus päättyy",
    ...overrides,
  };
}

/** What a dialogue-flow spec shares between its steps; `before()` fills it in. */
export interface DialogueFlow {
  app: TestApp;
  connector: ConnectorRecorder;
  bot: ReturnType<typeof driver>;
  /** The server's clock; steps may move it (and put it back). */
  clock: Date;
  /** The dialogue the set-up created ("" when it created none). */
  dialogueId: string;
  /** The bot's personal chat with an actor (as the connector recorder names it). */
  personalChat(a: Actor): string;
  /** Fetches a link from a card (it starts with PUBLIC_URL) from the test server. */
  fetchPath(url: string): Promise<Response>;
}

/** How far the set-up brings the dialogue before the spec's first step. */
export interface DialogueFlowStart {
  /** The organiser creates it through the form (capacity 2). */
  create?: boolean;
  /** The organiser posts its invitation into CHANNEL (implies create). */
  publish?: boolean;
  /** Anna (channel), Ben and Kaisa register: two seats taken, Kaisa waitlisted (implies publish). */
  register?: boolean;
}

/**
 * Registers before/after hooks: a test app (local mode, PUBLIC_URL) with the connector recorder and
 * a clock at REGISTRATION_TIME; everyone but Anna opens a personal chat, the organiser also the
 * channel; then the dialogue is brought as far as `start` says.
 */
export function useDialogueFlow(start: DialogueFlowStart = {}): DialogueFlow {
  const flow = {
    clock: new Date(REGISTRATION_TIME),
    dialogueId: "",
    personalChat: (a: Actor) => `a:chat-${a.userId}`,
    fetchPath: (url: string) => fetch(flow.app.url + url.slice(PUBLIC_URL.length)),
  } as DialogueFlow; // app, connector and bot are set in before()

  before(async () => {
    flow.connector = await startConnectorRecorder();
    flow.app = await startTestApp({ env: { PUBLIC_URL }, overrides: { now: () => flow.clock } });
    flow.bot = driver(flow.app, flow.connector);
    // Everyone but Anna has a personal chat with the bot (Anna registers from the channel).
    for (const a of [organiser, ben, kaisa, late]) await flow.bot.say(a, "help");
    await flow.bot.say(organiser, "help", { conversationType: "channel", conversationId: CHANNEL });
    if (start.create || start.publish || start.register) {
      flow.dialogueId = (await createDialogueThroughBot(flow.bot, organiser, formInputs())).dialogueId;
    }
    if (start.publish || start.register) {
      await flow.bot.say(organiser, `<at>Dialogi</at> julkaise ${flow.dialogueId}`, {
        conversationType: "channel",
        conversationId: CHANNEL,
      });
    }
    if (start.register) await registerThree(flow);
  });
  after(async () => {
    await flow.app?.close();
    await flow.connector?.close();
  });
  return flow;
}

/** Anna from the channel (organisation a formula, a scribe), Ben, then Kaisa onto the waitlist. */
async function registerThree(flow: DialogueFlow): Promise<void> {
  const submit = async (a: Actor, data: Record<string, string>, extra?: Partial<ActivityOptions>) => {
    const r = await flow.bot.execute(
      a,
      "registration.submit",
      { dialogueId: flow.dialogueId, acceptRules: "true", ...data },
      extra,
    );
    if (!r.card) throw new Error(`${a.userName} did not register: ${String(r.message)}`);
  };
  await submit(
    anna,
    { language: "sv", organisation: '=HYPERLINK("x")', background: "ngo", scribe: "true" },
    { conversationType: "channel", conversationId: CHANNEL },
  );
  await submit(ben, { language: "en" });
  await submit(kaisa, { language: "fi" });
}
