import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { messageActivity } from "../bot/testing/activities";
import { startTestApp, type TestApp } from "../bot/testing/app";
import { adaptiveCardProblems } from "../bot/testing/card-validation";
import { startConnectorRecorder, type ConnectorRecorder } from "../bot/testing/connector-recorder";
import { toLanguage, translator } from "../bot/src/platform/i18n/i18n";

const manifestDir = join(__dirname, "..", "manifest");
const readJson = (file: string) => JSON.parse(readFileSync(join(manifestDir, file), "utf8"));

interface CommandList {
  scopes: string[];
  commands: { title: string }[];
}
interface Manifest {
  localizationInfo: {
    defaultLanguageTag: string;
    defaultLanguageFile: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  bots: { commandLists: CommandList[] }[];
}

/** One command title as a Teams user in `locale` would pick it from the bot's menu in `scope`. */
interface MenuCommand {
  source: string;
  locale: string;
  scope: string;
  title: string;
}

/** Teams locales for the manifest's language tags. */
const LOCALES: Record<string, string> = { fi: "fi-FI", sv: "sv-FI", en: "en-US" };
const localeOf = (tag: string) => LOCALES[tag] ?? tag;

/** Every command title of manifest.json and of each localization file, with its scopes. */
function menuCommands(): MenuCommand[] {
  const manifest = readJson("manifest.json") as Manifest;
  const lists = manifest.bots[0]!.commandLists;
  const out: MenuCommand[] = [];
  const add = (source: string, tag: string, title: (i: number, j: number, fallback: string) => string) =>
    lists.forEach((list, i) =>
      list.commands.forEach((c, j) => {
        for (const scope of list.scopes)
          out.push({ source, locale: localeOf(tag), scope, title: title(i, j, c.title) });
      }),
    );
  const info = manifest.localizationInfo;
  const files = [
    { languageTag: info.defaultLanguageTag, file: info.defaultLanguageFile },
    ...info.additionalLanguages,
  ];
  add("manifest.json", info.defaultLanguageTag, (_i, _j, t) => t);
  for (const { languageTag, file } of files) {
    const loc = readJson(file) as Record<string, string>;
    add(file, languageTag, (i, j) => {
      const key = `bots[0].commandLists[${i}].commands[${j}].title`;
      const title = loc[key];
      assert.ok(title, `${file} has no "${key}"`);
      return title;
    });
  }
  return out;
}

/** Where Teams would deliver a message typed in a command-list scope. */
const CONVERSATION: Record<string, { conversationType: "personal" | "channel" | "groupChat"; id?: string }> =
  {
    personal: { conversationType: "personal" },
    team: { conversationType: "channel" },
    groupChat: { conversationType: "groupChat", id: "19:group-chat-1@thread.v2" },
  };

describe("manifest command lists ↔ bot commands", () => {
  let app: TestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
    await connector?.close();
  });
  beforeEach(() => connector.reset());

  /** Posts text through the real /api/messages; resolves with the texts of the replies. */
  async function replies(locale: string, scope: string, text: string): Promise<Record<string, unknown>[]> {
    const where = CONVERSATION[scope];
    assert.ok(where, `unknown command-list scope ${scope}`);
    const res = await app.postActivity(
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text,
        locale,
        conversationType: where.conversationType,
        conversationId: where.id,
      }),
    );
    assert.equal(res.status, 200);
    return connector.waitForActivities(1);
  }

  const unknownHint = (locale: string) => translator(toLanguage(locale), "bot")("unknown");
  /** The start of the "something went wrong, code …" reply of a failed turn. */
  const failurePrefix = (locale: string) =>
    translator(toLanguage(locale), "bot")("error", { id: "\u0000" }).split("\u0000")[0]!;

  it("lists commands in every scope and language (the checks below are not vacuous)", () => {
    const all = menuCommands();
    for (const tag of ["fi", "sv", "en"]) {
      assert.ok(all.some((c) => c.locale === localeOf(tag) && c.scope === "personal"));
      assert.ok(all.some((c) => c.locale === localeOf(tag) && c.scope === "team"));
    }
  });

  for (const locale of Object.values(LOCALES)) {
    it(`answers text it does not know with the unknown-command hint (${locale}, control)`, async () => {
      const sent = await replies(locale, "personal", "zzz no such command");
      assert.deepEqual(
        sent.map((a) => a.text),
        [unknownHint(locale)],
      );
    });
  }

  for (const c of menuCommands()) {
    it(`understands "${c.title}" from ${c.source} (${c.locale}, ${c.scope})`, async () => {
      const sent = await replies(c.locale, c.scope, c.title);
      for (const activity of sent) {
        assert.notEqual(activity.text, unknownHint(c.locale), `"${c.title}" got the unknown-command hint`);
        assert.doesNotMatch(String(activity.text ?? ""), /\{\{|commands\./, "untranslated reply");
        assert.ok(!String(activity.text ?? "").startsWith(failurePrefix(c.locale)), `"${c.title}" failed`);
      }
    });
  }
});

describe("directory command", () => {
  let connector: ConnectorRecorder;
  before(async () => (connector = await startConnectorRecorder()));
  after(async () => connector?.close());
  beforeEach(() => connector.reset());

  const post = (app: TestApp, text: string, locale: string) =>
    app.postActivity(messageActivity({ serviceUrl: connector.serviceUrl, text, locale }));

  it("links to the directory tab under PUBLIC_URL with a valid card", async () => {
    const app = await startTestApp({ env: { PUBLIC_URL: "http://localhost:8443/" } });
    try {
      assert.equal((await post(app, "katalog", "sv-FI")).status, 200);
      const [sent] = await connector.waitForActivities(1);
      const attachment = (sent!.attachments as { content: Record<string, unknown> }[])[0]!;
      assert.deepEqual(adaptiveCardProblems(attachment.content), []);
      const [action] = attachment.content.actions as { type: string; url: string; title: string }[];
      assert.equal(action!.type, "Action.OpenUrl");
      assert.equal(action!.url, "http://localhost:8443/#/directory");
      assert.equal(action!.title, translator("sv", "bot")("help.directory"));
    } finally {
      await app.close();
    }
  });

  it("says where the tab is when no public URL is configured", async () => {
    const app = await startTestApp();
    try {
      assert.equal(app.config.publicUrl, undefined);
      await post(app, "hakemisto", "fi-FI");
      const [sent] = await connector.waitForActivities(1);
      assert.equal(sent!.text, translator("fi", "bot")("commands.directory.noUrl"));
      // No setting's name reaches users: it says where the tab is instead.
      assert.doesNotMatch(String(sent!.text), /PUBLIC_URL/);
      assert.match(String(sent!.text), /Hakemisto/);
    } finally {
      await app.close();
    }
  });
});
