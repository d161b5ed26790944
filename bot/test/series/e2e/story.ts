import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { startSsoAuthority, SSO_TENANT, type SsoAuthority } from "../../../testing/sso";
import { driver, type Actor } from "../../dialogues/conversation-helpers";
import { apiClient, type ApiUser } from "../api-client";

const user = (userId: string, name: string, locale: string, lang?: string): Actor & ApiUser => ({
  userId,
  userName: name,
  name,
  locale,
  tenantId: SSO_TENANT,
  ...(lang ? { lang } : {}),
});

/** The coordinator of the story (in COORDINATORS). */
export const coordinator = user("aad-coordinator", "Kaisa Koordinaattori", "fi-FI");
/** Organiser of the dialogue run with the bot. */
export const o2 = user("aad-org-2", "Olli Järjestäjä", "fi-FI");
/** Organiser using Swedish. */
export const o3 = user("aad-org-3", "Sara Arrangör", "sv-FI", "sv");
/** Organiser whose record is late. */
export const o4 = user("aad-org-4", "Eero Espoo", "fi-FI");
/** A subscriber who gets the published summary. */
export const reader = user("aad-reader", "Hanna Hyödyntäjä", "en-GB", "en");
/** Neither coordinator nor organiser. */
export const outsider = user("aad-outsider", "Ulla Ulkopuolinen", "fi-FI");

/** Personal data typed into records (names, e-mail, phone); none of it may reach any output. */
const SECRETS = [
  "Maija",
  "Meikäläinen",
  "maija.meikalainen",
  "Matti",
  "Virtanen",
  "040 123 4567",
  "Pekka",
  "Pouta",
  "example.",
];

/** Fails naming the output (`where`) and the piece of personal data it leaks. */
export function assertNoPersonalData(text: string, where: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} leaks "${s}"`);
}

/**
 * State the story's steps share, in order: the real server and what earlier steps created.
 * Steps run in one describe, so a later step reads what an earlier one stored here.
 */
export interface SeriesStory {
  app: TestApp;
  connector: ConnectorRecorder;
  api: ReturnType<typeof apiClient>;
  /** The server's clock (ms); steps move it forward. */
  clock: number;
  seriesId: string;
  /** Series dialogue ids by organiser ("o2", "o3", "o4"). */
  ids: Record<string, string>;
  /** Current record ETags by organiser. */
  etags: Record<string, string>;
  /** The bot driven through /api/messages. */
  bot: ReturnType<typeof driver>;
}

/** Registers before/after hooks that start the server (with a local SSO authority) and stop it. */
export function useSeriesStory(): SeriesStory {
  let sso: SsoAuthority | undefined;
  const story = {
    clock: Date.parse("2027-03-10T10:00:00Z"),
    seriesId: "",
    ids: {},
    etags: {},
  } as SeriesStory; // app, connector, api and bot are set in before()

  before(async () => {
    story.connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    story.app = await startTestApp({
      env: { ...sso.env, COORDINATORS: coordinator.userId },
      overrides: { now: () => new Date(story.clock) },
    });
    story.api = apiClient(story.app, sso);
    story.bot = driver(story.app, story.connector);
  });
  after(async () => {
    await story.app?.close();
    await story.connector?.close();
    await sso?.close();
  });
  return story;
}
