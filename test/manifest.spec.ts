import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { AppPackageError, buildAppPackage, prepareAppPackage } from "../scripts/lib/app-package";
import { loadEnv, parseEnvFile } from "../scripts/lib/env-file";
import { checkIcon } from "../scripts/lib/icons";
import { teamsSchemaRoot, validateManifestSchema } from "../scripts/lib/manifest-schema";
import { fillPlaceholders, MissingVariablesError } from "../scripts/lib/placeholders";
import { parseEnvArg } from "../scripts/package-app";

const root = join(__dirname, "..");
const manifestDir = join(root, "manifest");

/** A scratch copy of manifest/ so negative cases can break files safely. */
function scratchManifest(): string {
  const dir = mkdtempSync(join(tmpdir(), "dialogi-manifest-"));
  cpSync(manifestDir, dir, { recursive: true });
  return dir;
}

async function expectPackageError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof AppPackageError, `expected AppPackageError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  });
}

describe("Teams app package", () => {
  const scratch: string[] = [];
  const tmp = (): string => {
    const dir = scratchManifest();
    scratch.push(dir);
    return dir;
  };
  after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe("for env local", () => {
    let outDir: string;
    let built: Awaited<ReturnType<typeof buildAppPackage>>;
    let zip: JSZip;

    before(async () => {
      outDir = mkdtempSync(join(tmpdir(), "dialogi-pkg-"));
      scratch.push(outDir);
      built = await buildAppPackage({ rootDir: root, envName: "local", outDir });
      zip = await JSZip.loadAsync(readFileSync(built.zipPath));
    });

    it("writes appPackage.local.zip with manifest, icons and every localization file", () => {
      assert.equal(built.zipPath, join(outDir, "appPackage.local.zip"));
      assert.deepEqual(Object.keys(zip.files).sort(), [
        "color.png",
        "en.json",
        "fi.json",
        "manifest.json",
        "outline.png",
        "sv.json",
      ]);
    });

    it("fills every placeholder from env/.env.local", async () => {
      const env = loadEnv(root, "local");
      for (const name of Object.keys(zip.files)) {
        if (!name.endsWith(".json")) continue;
        const text = await zip.file(name)!.async("string");
        assert.doesNotMatch(text, /\$\{\{/, `${name} still has a placeholder`);
      }
      const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
      assert.equal(manifest.id, env.TEAMS_APP_ID);
      assert.equal(manifest.bots[0].botId, env.BOT_ID);
      assert.equal(manifest.webApplicationInfo.resource, `api://${env.TAB_DOMAIN}/${env.AAD_APP_CLIENT_ID}`);
      assert.equal(manifest.staticTabs[0].contentUrl, `${env.TAB_ENDPOINT}/#/directory`);
      assert.equal(manifest.name.short, `Dialogi${env.APP_NAME_SUFFIX}`);
    });

    it("is valid against the newest bundled Teams schema", async () => {
      const manifest = JSON.parse(await zip.file("manifest.json")!.async("string"));
      const versions = readdirVersions();
      assert.equal(manifest.manifestVersion, versions[versions.length - 1]);
      assert.deepEqual(await validateManifestSchema(manifest), []);
    });

    it("declares the bot, tabs, SSO and languages the app needs", () => {
      const m = built.manifest as unknown as {
        bots: [{ scopes: string[]; isNotificationOnly: boolean; supportsFiles: boolean }];
        configurableTabs: [{ context: string[]; configurationUrl: string }];
        localizationInfo: { defaultLanguageTag: string; additionalLanguages: Array<{ languageTag: string }> };
      };
      assert.deepEqual(m.bots[0].scopes, ["personal", "team", "groupChat"]);
      assert.equal(m.bots[0].isNotificationOnly, false);
      assert.equal(m.bots[0].supportsFiles, true);
      assert.ok(m.configurableTabs[0].context.includes("meetingSidePanel"));
      assert.ok(m.configurableTabs[0].context.includes("meetingChatTab"));
      assert.match(m.configurableTabs[0].configurationUrl, /\/#\/config$/);
      assert.equal(m.localizationInfo.defaultLanguageTag, "fi");
      assert.deepEqual(
        m.localizationInfo.additionalLanguages.map((l) => l.languageTag),
        ["sv", "en"],
      );
    });

    it("packs icons of the sizes Teams requires", async () => {
      const color = PNG.sync.read(await zip.file("color.png")!.async("nodebuffer"));
      const outline = PNG.sync.read(await zip.file("outline.png")!.async("nodebuffer"));
      assert.deepEqual([color.width, color.height, outline.width, outline.height], [192, 192, 32, 32]);
    });
  });

  describe("failures", () => {
    it("lists every missing variable in one clear error", async () => {
      const vars = parseEnvFile(readFileSync(join(root, "env", ".env.local"), "utf8"));
      delete vars.BOT_ID;
      delete vars.TAB_DOMAIN;
      await expectPackageError(
        prepareAppPackage(manifestDir, vars),
        /Unfilled placeholders: \$\{\{BOT_ID\}\}, \$\{\{TAB_DOMAIN\}\}/,
      );
    });

    it("treats an empty variable as missing unless it may be empty", () => {
      assert.throws(
        () => fillPlaceholders({ id: "${{TEAMS_APP_ID}}" }, { TEAMS_APP_ID: "" }, "x.json"),
        (err: unknown) => err instanceof MissingVariablesError && err.missing.join() === "TEAMS_APP_ID",
      );
      assert.deepEqual(fillPlaceholders({ n: "Dialogi${{APP_NAME_SUFFIX}}" }, { APP_NAME_SUFFIX: "" }, "x"), {
        n: "Dialogi",
      });
    });

    it("keeps JSON intact when a value contains quotes", () => {
      const filled = fillPlaceholders({ a: ["${{X}}"] }, { X: 'say "hi"\\' }, "x");
      assert.deepEqual(filled, { a: ['say "hi"\\'] });
    });

    it("rejects a colour icon of the wrong size", async () => {
      const dir = tmp();
      writeFileSync(join(dir, "color.png"), PNG.sync.write(new PNG({ width: 100, height: 100 })));
      await expectPackageError(
        prepareAppPackage(dir, loadEnv(root, "local")),
        /color\.png is 100×100, expected 192×192/,
      );
    });

    it("rejects an outline icon that is not white on transparent", () => {
      const png = new PNG({ width: 32, height: 32 });
      png.data.fill(0);
      png.data.set([255, 0, 0, 255], (5 * 32 + 7) * 4);
      assert.match(checkIcon("outline.png", PNG.sync.write(png), 32, true).join(), /pixel \(7, 5\)/);
      const opaque = new PNG({ width: 32, height: 32 });
      opaque.data.fill(255);
      assert.match(checkIcon("outline.png", PNG.sync.write(opaque), 32, true).join(), /no transparent/);
    });

    it("reports schema errors in the manifest", async () => {
      const dir = tmp();
      const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
      manifest.accentColor = "blue";
      manifest.bots[0].scopes = ["everywhere"];
      writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
      await expectPackageError(
        prepareAppPackage(dir, loadEnv(root, "local")),
        /manifest\.json schema: \/accentColor[\s\S]*\/bots\/0\/scopes/,
      );
    });

    it("reports localization keys that are too long, dangling or missing", async () => {
      const dir = tmp();
      const sv = JSON.parse(readFileSync(join(dir, "sv.json"), "utf8"));
      sv["description.short"] = "x".repeat(81);
      sv["staticTabs[9].name"] = "Ingenting";
      delete sv["bots[0].commandLists[0].commands[0].title"];
      writeFileSync(join(dir, "sv.json"), JSON.stringify(sv));
      await expectPackageError(prepareAppPackage(dir, loadEnv(root, "local")), /sv\.json schema:.*80/);
      await expectPackageError(
        prepareAppPackage(dir, loadEnv(root, "local")),
        /staticTabs\[9\]\.name" matches no/,
      );
      await expectPackageError(
        prepareAppPackage(dir, loadEnv(root, "local")),
        /sv\.json: missing "bots\[0\]\.commandLists\[0\]\.commands\[0\]\.title"/,
      );
    });

    it("refuses placeholders in localization files, which Teams Toolkit would ship verbatim", async () => {
      const dir = tmp();
      const en = JSON.parse(readFileSync(join(dir, "en.json"), "utf8"));
      en["name.short"] = "Dialogi${{APP_NAME_SUFFIX}}";
      writeFileSync(join(dir, "en.json"), JSON.stringify(en));
      await expectPackageError(
        prepareAppPackage(dir, loadEnv(root, "local")),
        /en\.json: placeholders are not filled .*\$\{\{APP_NAME_SUFFIX\}\}/,
      );
    });

    it("refuses an unknown environment and bad arguments", () => {
      assert.throws(() => loadEnv(root, "nope"), /\.env\.nope not found/);
      assert.throws(() => loadEnv(root, "../etc"), /Invalid environment name/);
      assert.equal(parseEnvArg([]), "local");
      assert.equal(parseEnvArg(["--env", "dev"]), "dev");
      assert.equal(parseEnvArg(["--env=dev"]), "dev");
      assert.throws(() => parseEnvArg(["--env"]), /needs an environment name/);
      assert.throws(() => parseEnvArg(["dev"]), /Unknown argument/);
    });
  });
});

/** Teams manifest versions bundled in @microsoft/app-manifest, numerically sorted. */
function readdirVersions(): string[] {
  return readdirSync(teamsSchemaRoot())
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [am, an] = a.split(".").map(Number) as [number, number];
      const [bm, bn] = b.split(".").map(Number) as [number, number];
      return am - bm || an - bn;
    });
}
