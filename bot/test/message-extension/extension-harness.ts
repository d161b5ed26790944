import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startBotTokenAuthority, type BotTokenAuthority } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, textOf, valid, type Actor } from "../dialogues/conversation-helpers";

// Shared by the extension-*.spec.ts files: the message extension through /api/messages with
// signed tokens, the people who use it and the helpers that speak its invoke protocol.

/** The app's public address (links in cards start with it). Loopback: local mode refuses a public URL. */
export const PUBLIC_URL = "http://localhost:8443";
// Dev sign-in personas and the seeded directory live in the tenant "dev"; Teams users here too.
const TENANT = "dev";
/** Organises two dialogues (Finnish). */
export const organiser: Actor = {
  userId: "aad-me-organiser",
  userName: "Olli",
  locale: "fi-FI",
  tenantId: TENANT,
};
/** Organises one dialogue of his own (English). */
export const ben: Actor = { userId: "aad-me-ben", userName: "Ben", locale: "en-GB", tenantId: TENANT };
/** Registers from a one-to-one chat between people (Finnish). */
export const kaisa: Actor = { userId: "aad-me-kaisa", userName: "Kaisa", locale: "fi-FI", tenantId: TENANT };
/** Never chatted with the bot (Swedish). */
export const anna: Actor = { userId: "aad-me-anna", userName: "Anna", locale: "sv-SE", tenantId: TENANT };
/** A staff member of the Ministry of Finance by membership (a spec grants it), a plain reader otherwise. */
export const staff: Actor = {
  userId: "5b3c1d2e-0000-4000-8000-0000000000e1",
  userName: "Veikko",
  locale: "fi-FI",
  tenantId: TENANT,
};
/** A plain reader of the directory. */
export const reader: Actor = { userId: "aad-me-reader", userName: "Lea", locale: "fi-FI", tenantId: TENANT };
/** A channel the bot is in (where `julkaise` posts). */
export const CHANNEL = "19:me-channel@thread.tacv2";
/** A group chat the bot was never added to: where a user inserts a card with the extension. */
export const GROUP_CHAT = "19:me-never-installed@thread.v2";
/** A one-to-one chat between two people (the bot is not in it). */
export const ONE_TO_ONE = "19:aad-me-kaisa_aad-me-olli@unq.gbl.spaces";

/** A composeExtension answer as the app sends it. */
export type Extension = {
  type: string;
  text?: string;
  attachmentLayout?: string;
  attachments?: {
    contentType: string;
    content: Record<string, unknown>;
    preview: { contentType: string; content: { title: string; text?: string } };
  }[];
};

function formInputs(title: string, date: string): Record<string, string> {
  return {
    title,
    description: "Miten hallinto ja järjestöt voisivat toimia paremmin yhdessä?",
    themes: "Mitä yhteistyöllä voidaan saavuttaa?",
    date,
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_kevat%40thread.v2/0",
    address: "",
    capacity: "5",
    deadlineDate: date,
    deadlineTime: "08:00",
    languages: "fi,sv,en",
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Dialogikeskustelut\n11:00 Tilaisuus päättyy",
  };
}

/** The running app and the extension's protocol, for one spec file; `before()` starts it. */
export interface ExtensionHarness {
  authority: BotTokenAuthority;
  connector: ConnectorRecorder;
  /** The app; its postActivity sends unsigned (see `post` for signed). */
  app: TestApp;
  /** The bot driven through /api/messages with signed activities. */
  bot: ReturnType<typeof driver>;
  /** Signs an activity as the Bot Framework would (the app validates against the local JWKS). */
  post(activity: unknown): Promise<Response>;
  /** A message extension invoke from the compose box of a chat the bot was never added to. */
  invoke(a: Actor, name: string, value: unknown, conversationId?: string): Record<string, unknown>;
  /** Sends an invoke (signed) and returns its composeExtension answer (asserting a 200). */
  extension(a: Actor, name: string, value: unknown): Promise<Extension>;
  /** Runs a search command; `undefined` text is the initial run (nothing typed yet). */
  query(a: Actor, commandId: string, text?: unknown, count?: number): Promise<Extension>;
  /** The list of results, checked for the shape Teams needs, with each card validated. */
  results(ext: Extension): NonNullable<Extension["attachments"]>;
  /** Creates a dialogue through the bot's form as `a`; returns its id. */
  createDialogue(a: Actor, title: string, date: string): Promise<string>;
  /** A dev sign-in token for the directory API (personas of the tenant "dev"). */
  signIn(persona: string): Promise<string>;
  /** Calls the app's HTTP API with a bearer token. */
  api(
    path: string,
    token: string,
    method?: string,
    body?: unknown,
  ): Promise<{ status: number; body: { entry: { id: string; status: string } } }>;
}

/**
 * Registers before/after hooks: a bot token authority, the connector recorder and the app (dev
 * tenant seeded); organiser, Ben and Kaisa open their bot chats. Spec files create their dialogues
 * in their own `before()` (registered after this call, so it runs after this one).
 */
export function useExtensionHarness(): ExtensionHarness {
  // authority, connector, app and bot are set in before().
  const h = {} as ExtensionHarness;
  Object.assign<ExtensionHarness, Partial<ExtensionHarness>>(h, {
    post: async (activity: unknown) =>
      h.app.postActivity(activity, await h.authority.mint({ serviceUrl: h.connector.serviceUrl })),
    invoke: (a: Actor, name: string, value: unknown, conversationId = GROUP_CHAT) => ({
      ...messageActivity({
        serviceUrl: h.connector.serviceUrl,
        userId: a.userId,
        userName: a.userName,
        locale: a.locale,
        tenantId: a.tenantId,
        conversationType: conversationId.endsWith("unq.gbl.spaces") ? "personal" : "groupChat",
        conversationId,
      }),
      type: "invoke",
      name,
      text: undefined,
      value,
    }),
    async extension(a: Actor, name: string, value: unknown) {
      const res = await h.post(h.invoke(a, name, value));
      assert.equal(res.status, 200);
      return ((await res.json()) as { composeExtension: Extension }).composeExtension;
    },
    query: (a: Actor, commandId: string, text?: unknown, count = 25) =>
      h.extension(a, "composeExtension/query", {
        commandId,
        parameters:
          text === undefined ? [{ name: "initialRun", value: "true" }] : [{ name: "query", value: text }],
        queryOptions: { skip: 0, count },
      }),
    results(ext: Extension) {
      assert.equal(ext.type, "result", `expected results, got ${JSON.stringify(ext)}`);
      assert.equal(ext.attachmentLayout, "list");
      assert.ok(ext.attachments!.length <= 25);
      for (const a of ext.attachments!) {
        assert.equal(a.contentType, "application/vnd.microsoft.card.adaptive");
        valid(a.content);
        assert.equal(a.preview.contentType, "application/vnd.microsoft.card.thumbnail");
        assert.ok(a.preview.content.title.length > 0);
      }
      return ext.attachments!;
    },
    async createDialogue(a: Actor, title: string, date: string) {
      const [form] = await h.bot.say(a, "uusi dialogi");
      const data = executeAction(valid(cardOf(form)), "dialogue.create")!.data;
      const created = await h.bot.execute(a, "dialogue.create", { ...data, ...formInputs(title, date) });
      const edit = executeAction(valid(created.card, created), "dialogue.edit");
      assert.ok(edit, textOf(created.card));
      return String(edit.data.dialogueId);
    },
    async signIn(persona: string) {
      const res = await fetch(`${h.app.url}/api/auth/dev-signin`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ persona }),
      });
      return ((await res.json()) as { token: string }).token;
    },
    async api(path: string, token: string, method = "GET", body?: unknown) {
      const res = await fetch(`${h.app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as { entry: { id: string; status: string } } };
    },
  });

  before(async () => {
    h.authority = await startBotTokenAuthority();
    h.connector = await startConnectorRecorder();
    h.app = await startTestApp({ env: { ...h.authority.env, PUBLIC_URL, LOG_LEVEL: "error" } });
    const signed = { ...h.app, postActivity: (activity: unknown) => h.post(activity) };
    h.bot = driver(signed, h.connector);
    for (const a of [organiser, ben, kaisa]) await h.bot.say(a, "help");
  });
  after(async () => {
    await h.app?.close();
    await h.connector?.close();
    await h.authority?.close();
  });
  return h;
}
