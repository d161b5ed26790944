import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BOT_MENTION } from "../../src/platform/teams/mention";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, textOf, valid, type Actor } from "../dialogues/conversation-helpers";

const LOCALES = path.resolve(__dirname, "../../src/platform/i18n/locales");
const MANIFEST = path.resolve(__dirname, "../../../manifest/manifest.json");
const CHANNEL = { conversationType: "channel" as const, conversationId: "19:mentions@thread.tacv2" };
const actors: Actor[] = ["fi-FI", "sv-FI", "en-GB"].map((locale) => ({
  userId: "aad-mention-organiser",
  userName: "Olli Järjestäjä",
  locale,
}));

/** Commands that only make sense in a channel or group chat, as each language types them. */
const CHANNEL_COMMANDS =
  /"(julkaise|publicera|post|annonsera omgång|announce|vertaisdialogi|kamratdialog|peer dialogue)\b/;

/** Every string of a locale file, with its key. */
function strings(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node && typeof node === "object")
    return Object.entries(node).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
  return [];
}

describe("channel commands are shown with the @mention Teams needs (fi/sv/en)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ overrides: { now: () => new Date("2030-03-01T08:00:00Z") } });
    bot = driver(app, connector);
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it("the mention is the app's name in the manifest", () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as { name: { short: string } };
    assert.equal(`@${manifest.name.short.replace(/\$\{\{[A-Z_]+\}\}/g, "")}`, BOT_MENTION);
  });

  it("no bot text tells people to type a channel command without the mention", () => {
    const bare: string[] = [];
    for (const lang of readdirSync(LOCALES))
      for (const file of readdirSync(path.join(LOCALES, lang))) {
        const json = JSON.parse(readFileSync(path.join(LOCALES, lang, file), "utf8"));
        for (const [key, text] of strings(json))
          if (!/\.name$/.test(key) && CHANNEL_COMMANDS.test(text))
            bare.push(`${lang}/${file} ${key}: ${text}`);
      }
    assert.deepEqual(bare, []);
  });

  it("the help card in a channel shows every command with the mention; in personal chat the channel ones say so", async () => {
    for (const [i, who] of actors.entries()) {
      const [inChannel] = await bot.say(who, `<at>Dialogi</at> ${["apua", "hjälp", "help"][i]}`, CHANNEL);
      const channelText = textOf(valid(cardOf(inChannel)));
      assert.match(channelText, new RegExp(`${BOT_MENTION} (apua|hjälp|help)\\b`));
      assert.match(channelText, new RegExp(`${BOT_MENTION} (julkaise|publicera|post) d-…`));

      const [personal] = await bot.say(who, ["apua", "hjälp", "help"][i]!);
      const personalText = textOf(valid(cardOf(personal)));
      assert.doesNotMatch(personalText, new RegExp(`${BOT_MENTION} (apua|hjälp|help)\\b`));
      assert.match(personalText, new RegExp(`"${BOT_MENTION} (julkaise|publicera|post) d-…"`));
    }
  });

  it("the organiser card's hint, typed as told in a channel, posts the invitation", async () => {
    const [form] = await bot.say(actors[0]!, "uusi dialogi");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(actors[0]!, "dialogue.create", {
      ...create.data,
      title: "Mainintakoe",
      themes: "Kuuleeko botti?",
      date: "2030-03-25",
      startTime: "09:00",
      endTime: "11:00",
      mode: "inPerson",
      address: "Snellmaninkatu 1",
      capacity: "10",
      languages: "fi",
      groundRules: "current4",
    });
    const id = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
    const hints = [/"@Dialogi julkaise (d-\w+)"/, /"@Dialogi publicera (d-\w+)"/, /"@Dialogi post (d-\w+)"/];
    for (const [i, who] of actors.entries()) {
      const { card } = await bot.execute(who, "dialogue.manage", { dialogueId: id });
      const hint = textOf(valid(card)).match(hints[i]!);
      assert.equal(hint?.[1], id, `hint in ${who.locale}`);
    }
    // Teams turns the typed "@Dialogi" into an <at> mention; the bot answers with the invitation.
    const sent = await bot.say(actors[0]!, `<at>Dialogi</at> julkaise ${id}`, CHANNEL);
    assert.ok(executeAction(valid(cardOf(sent[0])), "registration.start"));
  });
});
