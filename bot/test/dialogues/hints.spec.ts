import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { waitFor } from "../../testing/outbox-fleet";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  createDialogueThroughBot,
  driver,
  findAll,
  textOf,
  valid,
  type Actor,
} from "./conversation-helpers";

/** Configuration names (PUBLIC_URL, MAIL_SENDER…) must never reach a user. */
const CONFIG_NAME = /\b[A-Z]{2,}_[A-Z_]{2,}\b/;

const organiser: Actor = { userId: "aad-hint-organiser", userName: "Olli O", locale: "fi-FI" };
const people = {
  fi: { userId: "aad-hint-fi", userName: "Kaisa K", locale: "fi-FI" },
  sv: { userId: "aad-hint-sv", userName: "Anna S", locale: "sv-FI" },
  en: { userId: "aad-hint-en", userName: "Ben B", locale: "en-GB" },
} satisfies Record<string, Actor>;
const BUTTON = { fi: "Lisää kalenteriin", sv: "Lägg till i kalendern", en: "Add to calendar" } as const;
const REGISTERED = { fi: /Olet ilmoittautunut/, sv: /Du är anmäld/, en: /You are registered/ } as const;
const DIRECTORY = { fi: "hakemisto", sv: "katalog", en: "directory" } as const;

for (const publicUrl of ["http://localhost:8443", undefined]) {
  describe(`replies name only what is there (${publicUrl ? "with" : "without"} a public URL)`, function () {
    this.timeout(60_000);
    let app: TestApp;
    let connector: ConnectorRecorder;
    let bot: ReturnType<typeof driver>;

    before(async () => {
      connector = await startConnectorRecorder();
      app = await startTestApp({
        env: publicUrl ? { PUBLIC_URL: publicUrl } : {},
        overrides: { now: () => new Date("2030-03-01T08:00:00Z") },
      });
      bot = driver(app, connector);
      for (const a of [organiser, ...Object.values(people)]) await bot.say(a, "help");
    });
    after(async () => {
      await app?.close();
      await connector?.close();
    });

    it("`hakemisto` / `katalog` / `directory` give a link or say where the tab is, never a setting's name", async () => {
      for (const lang of ["fi", "sv", "en"] as const) {
        const [reply] = await bot.say(people[lang], DIRECTORY[lang]);
        const text = reply?.attachments ? textOf(valid(cardOf(reply))) : String(reply?.text);
        assert.doesNotMatch(text, CONFIG_NAME, `${lang}: ${text}`);
        if (publicUrl) {
          const [open] = findAll(cardOf(reply), "Action.OpenUrl");
          assert.equal(open?.url, `${publicUrl}/#/directory`);
        } else {
          assert.match(text, { fi: /Hakemisto/, sv: /Katalog/, en: /Directory/ }[lang]);
        }
      }
    });

    it("the registration confirmation points to the calendar button only when the card has one", async () => {
      const { dialogueId } = await createDialogueThroughBot(bot, organiser, {
        title: "Vihjeiden dialogi",
        meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_hint%40thread.v2/0",
      });
      for (const lang of ["fi", "sv", "en"] as const) {
        const before = connector.calls.length;
        const ok = await bot.execute(people[lang], "registration.submit", {
          dialogueId,
          language: lang,
          acceptRules: "true",
        });
        valid(ok.card);
        // Through the outbox: wait for it.
        const find = () =>
          connector.calls.slice(before).find((c) => REGISTERED[lang].test(String(c.body.text)));
        await waitFor(`${lang} confirmation`, () => !!find(), 15_000);
        const personal = find()!;
        const text = String(personal.body.text);
        const buttons = findAll(cardOf(personal.body), "Action.OpenUrl").map((a) => a.title);
        assert.doesNotMatch(text, CONFIG_NAME);
        if (publicUrl) {
          assert.ok(buttons.includes(BUTTON[lang]), `${lang} card has the calendar button`);
          assert.ok(text.includes(`"${BUTTON[lang]}"`), `${lang} text names it: ${text}`);
        } else {
          assert.ok(!buttons.includes(BUTTON[lang]), `${lang} card has no calendar button`);
          assert.doesNotMatch(text, /kalen|calend/i, `${lang} text mentions no calendar: ${text}`);
        }
      }
    });
  });
}
