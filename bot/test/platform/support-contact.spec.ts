import assert from "node:assert/strict";
import { DEFAULT_SUPPORT, loadConfig } from "../../src/config";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  createDialogueThroughBot,
  driver,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";

const EMAIL = "tuki@dialogit.example.fi";
const URL = "https://tuki.example.fi/dialogi";

describe("support contact (SUPPORT_EMAIL, SUPPORT_URL) on the help card and the invitation footer (fi/sv/en)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  const people: Record<"fi" | "sv" | "en", Actor> = {
    fi: { userId: "aad-support-fi", userName: "Kaisa K", locale: "fi-FI" },
    sv: { userId: "aad-support-sv", userName: "Anna S", locale: "sv-FI" },
    en: { userId: "aad-support-en", userName: "Ben B", locale: "en-GB" },
  };
  const HELP = { fi: "apua", sv: "hjälp", en: "help" } as const;
  const SAYS = {
    fi: /Kysyttävää tai ongelmia\?/,
    sv: /Frågor eller problem\?/,
    en: /Questions or problems\?/,
  };
  const FOOTER = { fi: /Tuki ja kysymykset:/, sv: /Stöd och frågor:/, en: /Support and questions:/ };

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({
      env: { SUPPORT_EMAIL: EMAIL, SUPPORT_URL: URL },
      overrides: { now: () => new Date("2030-03-01T08:00:00Z") },
    });
    bot = driver(app, connector);
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it("the help card names the mailbox and site and links both", async () => {
    for (const lang of ["fi", "sv", "en"] as const) {
      const [sent] = await bot.say(people[lang], HELP[lang]);
      const card = valid(cardOf(sent));
      const text = textOf(card);
      assert.match(text, SAYS[lang]);
      assert.ok(text.includes(EMAIL) && text.includes("tuki.example.fi/dialogi"), text);
      const urls = findAll(card, "Action.OpenUrl").map((a) => a.url);
      assert.ok(urls.includes(URL) && urls.includes(`mailto:${EMAIL}`), JSON.stringify(urls));
    }
  });

  it("the invitation's footer names the support contact", async () => {
    const organiser = people.fi;
    const { dialogueId } = await createDialogueThroughBot(bot, organiser, {
      title: "Tukidialogi",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_tuki%40thread.v2/0",
    });
    for (const lang of ["fi", "sv", "en"] as const) {
      const { card } = await bot.execute(people[lang], "dialogue.refresh", { dialogueId });
      const text = textOf(valid(card));
      assert.match(text, FOOTER[lang]);
      assert.ok(text.includes(EMAIL), text);
    }
  });

  it("defaults to the national dialogues' mailbox and site; a wrong value stops the start naming it", () => {
    const base = { NODE_ENV: "test", LOCAL_MODE: "true" };
    assert.deepEqual(loadConfig(base).support, DEFAULT_SUPPORT);
    assert.deepEqual(loadConfig({ ...base, SUPPORT_EMAIL: EMAIL, SUPPORT_URL: URL }).support, {
      email: EMAIL,
      url: URL,
    });
    assert.throws(() => loadConfig({ ...base, SUPPORT_EMAIL: "not an address" }), /SUPPORT_EMAIL/);
    assert.throws(() => loadConfig({ ...base, SUPPORT_URL: "javascript:alert(1)" }), /SUPPORT_URL/);
  });
});
