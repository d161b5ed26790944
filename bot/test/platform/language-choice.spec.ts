import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { uniquePrefix } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import {
  cardOf,
  createDialogueThroughBot,
  driver,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { tableRows } from "../rounds/helpers";
import { waitFor } from "../../testing/outbox-fleet";
import { triggerPhrases } from "../../src/platform/teams/command";
import { LANGUAGE_CHOICE_TTL_MS } from "../../src/platform/i18n/language-choices";

const HELP = { fi: /Dialogi Teamsissa/, sv: /Dialogi i Teams/, en: /Dialogi in Teams/ } as const;
const UNKNOWN = { fi: /En tunnistanut/, sv: /Jag förstod inte/, en: /I did not recognise/ } as const;

/** The reply's text, whether a card or a plain message. */
const replyText = (reply: Record<string, unknown> | undefined) =>
  reply?.attachments ? textOf(valid(cardOf(reply))) : String(reply?.text);

describe("the language a person types in wins over the Teams client's (remembered per user, on every instance)", function () {
  this.timeout(60_000);
  let connector: ConnectorRecorder;
  let a: TestApp;
  let b: TestApp;
  let botA: ReturnType<typeof driver>;
  let botB: ReturnType<typeof driver>;
  let clock = new Date("2030-03-01T08:00:00Z");
  /** Each instance trusts what it last read for a while: a choice made on the other one shows after it. */
  const later = () => void (clock = new Date(clock.getTime() + LANGUAGE_CHOICE_TTL_MS + 1000));
  const ben: Actor = { userId: "aad-lang-ben", userName: "Ben B", locale: "en-GB" };
  const kaisa: Actor = { userId: "aad-lang-kaisa", userName: "Kaisa K", locale: "fi-FI" };
  const organiser: Actor = { userId: "aad-lang-organiser", userName: "Olli O", locale: "fi-FI" };

  before(async () => {
    connector = await startConnectorRecorder();
    // Two instances on the same tables: a choice made on one is known on the other.
    const env = { TABLES_PREFIX: uniquePrefix() };
    a = await startTestApp({ env, overrides: { now: () => clock } });
    b = await startTestApp({ env, overrides: { now: () => clock } });
    botA = driver(a, connector);
    botB = driver(b, connector);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await connector?.close();
  });

  const choice = async (userId: string) =>
    (await tableRows(a, "UserPreferences", "language")).find((r) => r.rowKey === userId)?.language;

  it("English client: `ohje` answers in Finnish, and later turns on the other instance stay Finnish", async () => {
    const [before] = await botB.say(ben, "what?");
    assert.match(replyText(before), UNKNOWN.en, "the client's language until a choice is known");
    const [help] = await botA.say(ben, "ohje");
    assert.match(replyText(help), HELP.fi);
    assert.equal(await choice(ben.userId), "fi");
    const [stale] = await botB.say(ben, "what?");
    assert.match(replyText(stale), UNKNOWN.en, "the other instance trusts its last read for a while");
    later();
    const [unknown] = await botB.say(ben, "mitä?");
    assert.match(replyText(unknown), UNKNOWN.fi);
    const card = await botB.execute(ben, "no.such.verb", {});
    assert.match(String(card.message), /Tätä korttia ei voi enää käyttää/);
  });

  it("a later `help` answers in English again and is remembered", async () => {
    const [help] = await botA.say(ben, "help");
    assert.match(replyText(help), HELP.en);
    assert.equal(await choice(ben.userId), undefined, "back to the client's language");
    later();
    const [unknown] = await botB.say(ben, "what?");
    assert.match(replyText(unknown), UNKNOWN.en);
  });

  it("Finnish client: an English command answers in English, `apua` in Finnish; `?` and `help` keep the client's", async () => {
    const [mine] = await botA.say(kaisa, "my dialogues");
    assert.match(replyText(mine), /dialogue/i);
    assert.doesNotMatch(replyText(mine), /dialogi(t|a)\b/i);
    assert.equal(await choice(kaisa.userId), "en");
    const [apua] = await botB.say(kaisa, "apua");
    assert.match(replyText(apua), HELP.fi);
    const [hjalp] = await botB.say(kaisa, "hjälp");
    assert.match(replyText(hjalp), HELP.sv);
    const [help] = await botA.say(kaisa, "help");
    assert.match(replyText(help), HELP.fi, "`help` is understood in every language: the client's is used");
  });

  it("cards and notifications sent later use the choice: a registration confirmed in Swedish for an English client", async () => {
    await botA.say(organiser, "apua");
    const { dialogueId } = await createDialogueThroughBot(botA, organiser, {
      title: "Kielidialogi",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_lang%40thread.v2/0",
    });
    await botA.say(ben, "hjälp");
    later();
    const mark = connector.calls.length;
    const ok = await botB.execute(ben, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(textOf(valid(ok.card)), /Du är anmäld/);
    // Through the outbox (whichever instance is its sender): wait for it.
    await waitFor(
      "the personal confirmation in Swedish",
      () => connector.calls.slice(mark).some((c) => /anmäld/.test(String(c.body.text))),
      15_000,
    );
    const rows = await tableRows(a, "Registrations", dialogueId);
    assert.equal(rows.find((r) => String(r.rowKey).includes(ben.userId))?.uiLang, "sv");
  });

  it("every command's phrases are sorted by language (so typing any of them chooses one)", () => {
    assert.ok(a.app.commands.length > 10);
    for (const command of a.app.commands) {
      const phrases = triggerPhrases(command.triggers);
      assert.ok(
        phrases.every((p) => p.language),
        `${command.id}: triggers must be { fi, sv, en } (or any), not a plain list`,
      );
      for (const lang of ["fi", "sv"] as const)
        assert.ok(
          phrases.some((p) => p.language === lang),
          `${command.id} has a ${lang} phrase`,
        );
    }
  });
});
