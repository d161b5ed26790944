import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { prepareAppPackage } from "../scripts/lib/app-package";
import { loadEnv } from "../scripts/lib/env-file";
import { validateLocalizationSchema, validateManifestSchema } from "../scripts/lib/manifest-schema";
import { SEARCH_COMMANDS } from "../bot/src/features/message-extension/index";

const root = join(__dirname, "..");
const manifestDir = join(root, "manifest");
const readJson = (file: string) => JSON.parse(readFileSync(join(manifestDir, file), "utf8"));

interface ComposeExtension {
  botId: string;
  commands: {
    id: string;
    type: string;
    context: string[];
    initialRun?: boolean;
    parameters: { name: string }[];
  }[];
  messageHandlers: { type: string; value: { domains: string[] } }[];
}

describe("Teams manifest: the message extension", () => {
  const manifest = readJson("manifest.json") as {
    bots: { botId: string; scopes: string[] }[];
    composeExtensions: ComposeExtension[];
    manifestVersion: string;
  };
  const extension = manifest.composeExtensions[0]!;

  it("is the bot's own (Action.Execute of inserted cards reaches it) and the bot works in teams and group chats", () => {
    assert.equal(manifest.composeExtensions.length, 1);
    assert.equal(extension.botId, manifest.bots[0]!.botId);
    assert.equal(extension.botId, "${{BOT_ID}}");
    for (const scope of ["team", "groupChat"]) assert.ok(manifest.bots[0]!.scopes.includes(scope));
  });

  it("declares exactly the search commands the bot handles, each opening with results", () => {
    assert.deepEqual(extension.commands.map((c) => c.id).sort(), Object.keys(SEARCH_COMMANDS).sort());
    for (const c of extension.commands) {
      assert.equal(c.type, "query");
      assert.ok(c.context.includes("compose"));
      assert.equal(c.initialRun, true);
      assert.equal(c.parameters.length, 1);
    }
  });

  it("unfurls links of the tab's domain", () => {
    assert.deepEqual(extension.messageHandlers, [{ type: "link", value: { domains: ["${{TAB_DOMAIN}}"] } }]);
  });

  it("has the commands' titles and descriptions in fi, sv and en, valid against the localization schema", async () => {
    const keys = extension.commands.flatMap((_c, i) => [
      `composeExtensions[0].commands[${i}].title`,
      `composeExtensions[0].commands[${i}].description`,
      `composeExtensions[0].commands[${i}].parameters[0].title`,
      `composeExtensions[0].commands[${i}].parameters[0].description`,
    ]);
    const fi = readJson("fi.json") as Record<string, string>;
    for (const file of ["fi.json", "sv.json", "en.json"]) {
      const loc = readJson(file) as Record<string, string>;
      for (const key of keys) assert.ok(loc[key]?.trim(), `${file}: ${key}`);
      assert.deepEqual(await validateLocalizationSchema(loc, manifest.manifestVersion), [], file);
      if (file !== "fi.json") {
        const same = keys.filter((k) => k.endsWith(".description") && loc[k] === fi[k]);
        assert.deepEqual(same, [], `${file} copies Finnish descriptions`);
      }
    }
  });

  it("fills into a package whose manifest is valid against the bundled Teams schema", async () => {
    const { manifest: filled } = await prepareAppPackage(manifestDir, loadEnv(root, "local"));
    assert.deepEqual(await validateManifestSchema(filled), []);
    const env = loadEnv(root, "local");
    const ext = (filled as unknown as { composeExtensions: ComposeExtension[] }).composeExtensions[0]!;
    assert.equal(ext.botId, env.BOT_ID);
    assert.deepEqual(ext.messageHandlers[0]!.value.domains, [env.TAB_DOMAIN]);
  });
});
