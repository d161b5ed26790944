import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, textOf, valid, type Actor } from "../dialogues/conversation-helpers";

const ROOT = path.resolve(__dirname, "../../..");
const read = (p: string) => JSON.parse(readFileSync(path.join(ROOT, p), "utf8")) as Record<string, unknown>;
const texts = (node: unknown): string[] =>
  typeof node === "string"
    ? [node]
    : node && typeof node === "object"
      ? Object.values(node).flatMap(texts)
      : [];

/** The word for a breakout round, which a national series must no longer be called. */
const ROUND = { fi: /kierro/i, sv: /omgång/i, en: /\bround/i } as const;

describe("one word per meaning: series (dialogisarja / dialogserie / dialogue series) vs round (kierros / omgång / round)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  const coordinator: Actor = { userId: "aad-words-coordinator", userName: "Kaisa K", locale: "fi-FI" };

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { COORDINATORS: coordinator.userId } });
    bot = driver(app, connector);
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });

  it("series texts (bot and tab) never use the round word; Swedish rounds are 'omgång', not 'runda'", () => {
    for (const lang of ["fi", "sv", "en"] as const) {
      const bot = texts(read(`bot/src/platform/i18n/locales/${lang}/series.json`));
      const tab = texts(read(`tab/src/platform/i18n/${lang}.json`).series);
      const slips = [...bot, ...tab].filter((t) => ROUND[lang].test(t));
      assert.deepEqual(slips, [], `${lang} series texts`);
    }
    const sv = texts(read("bot/src/platform/i18n/locales/sv/rounds.json"));
    assert.deepEqual(
      sv.filter((t) => /\brund(a|an|or|orna)\b/i.test(t)),
      [],
    );
    assert.ok(sv.some((t) => /Starta omgång \{\{round\}\}/.test(t)));
  });

  it("Swedish says 'kamratdialog' (never 'kollegial dialog') and 'omgång' (never 'runda') in bot, tab, manifest and docs", () => {
    const sources = [
      ...readdirSync(path.join(ROOT, "bot/src/platform/i18n/locales/sv")).map(
        (f) => `bot/src/platform/i18n/locales/sv/${f}`,
      ),
      "tab/src/platform/i18n/sv.json",
      "manifest/sv.json",
    ];
    for (const file of sources) {
      const slips = texts(read(file)).filter((t) => /kollegial|\brund(a|an|or|orna)\b/i.test(t));
      assert.deepEqual(slips, [], file);
    }
    const docs = ["README.md", "docs/peer-api.md"].map((p) => readFileSync(path.join(ROOT, p), "utf8"));
    assert.ok(docs.every((d) => !/kollegial/i.test(d)));
    assert.ok(texts(read("manifest/sv.json")).some((t) => /kamratdialog/.test(t)));
  });

  it("the series commands open the series form, named as a series; 'uusi kierros' / 'ny omgång' (a round) do not", async () => {
    for (const [locale, command] of [
      ["fi-FI", "uusi kierros"],
      ["sv-FI", "ny omgång"],
    ] as const) {
      const [sent] = await bot.say({ ...coordinator, locale }, command);
      assert.ok(
        !JSON.stringify(sent).includes("series.create"),
        `${command} is not the series form (issue #27 item 16)`,
      );
    }
    for (const [locale, commands, title] of [
      ["fi-FI", ["uusi dialogisarja"], /Uusi dialogisarja/],
      ["sv-FI", ["ny dialogserie"], /Ny dialogserie/],
      ["en-GB", ["new series", "new dialogue series"], /New dialogue series/],
    ] as const) {
      for (const command of commands) {
        const [sent] = await bot.say({ ...coordinator, locale }, command);
        assert.match(textOf(valid(cardOf(sent))), title, `${command} (${locale})`);
      }
    }
    const [list] = await bot.say(coordinator, "dialogisarjat");
    const [old] = await bot.say(coordinator, "kierrokset");
    assert.equal(
      JSON.stringify(list?.attachments ?? list?.text),
      JSON.stringify(old?.attachments ?? old?.text),
    );
  });

  it("no background option is named like the field it sits under (fi/sv/en, issue #27 item 16)", () => {
    for (const lang of ["fi", "sv", "en"]) {
      const d = read(`bot/src/platform/i18n/locales/${lang}/dialogue.json`) as {
        background: Record<string, string>;
        register: { organisation: string };
      };
      const field = d.register.organisation.toLowerCase();
      assert.ok(
        Object.values(d.background).every((option) => option.toLowerCase() !== field),
        `${lang}: ${JSON.stringify(d.background)}`,
      );
    }
  });
});
