import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { localLinkSecret } from "../../src/platform/auth/link-secret";
import { createRoundLinks } from "../../src/features/rounds/services/links";
import { startTestApp, type TestApp } from "../../testing/app";
import { arrangeDialogue, ORGANISER } from "../../testing/arrange";
import { sharedAzurite, uniquePrefix } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { driver, findAll, type Actor } from "../dialogues/conversation-helpers";

const PUBLIC_URL = "http://localhost:8443";
const SECRET = "link-keys-spec-secret-0123456789-abcdefghij";

/**
 * Download and calendar links are signed with LINK_SIGNING_SECRET: they survive a restart and
 * work on every instance, and name the organiser only by an opaque handle. Issue #15 item 6.
 */
describe("security: link signing keys", function () {
  this.timeout(60_000);
  let connector: ConnectorRecorder;
  let prefix: string;
  const apps: TestApp[] = [];
  const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };
  const start = async (secret = SECRET) => {
    const app = await startTestApp({
      connectionString: (await sharedAzurite()).connectionString,
      env: { PUBLIC_URL, TABLES_PREFIX: prefix, LINK_SIGNING_SECRET: secret, SEED_DEMO_DATA: "false" },
    });
    apps.push(app);
    return app;
  };
  const fetchOn = (app: TestApp, url: string) => fetch(app.url + url.slice(PUBLIC_URL.length));
  /** The organiser card's registrants CSV link, minted by `app`. */
  const linksFrom = async (app: TestApp, dialogueId: string) => {
    const bot = driver(app, connector);
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const urlOf = (card: unknown, part: string) => {
      const found = findAll(card, "Action.OpenUrl").find((a) => String(a.url).includes(part));
      assert.ok(found, `no ${part} link in ${JSON.stringify(card)}`);
      return String(found.url);
    };
    return { csv: urlOf(manage.card, "registrants.csv") };
  };

  before(async () => {
    connector = await startConnectorRecorder();
    prefix = uniquePrefix();
  });
  after(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await connector.close();
  });

  it("keeps links working after a restart and across instances; the URL carries no object id", async () => {
    const first = await start();
    const dialogue = await arrangeDialogue(first.app.store);
    const old = await linksFrom(first, dialogue.id);
    assert.ok(!old.csv.includes(ORGANISER) && !old.csv.includes(encodeURIComponent(ORGANISER)), old.csv);
    assert.equal((await fetchOn(first, old.csv)).status, 200);

    // A second instance with the same secret follows the first one's links, and vice versa.
    const second = await start();
    assert.equal((await fetchOn(second, old.csv)).status, 200);
    const fromSecond = await linksFrom(second, dialogue.id);
    assert.equal((await fetchOn(first, fromSecond.csv)).status, 200);

    // Restart: every instance goes away, a new one comes up with the configured secret.
    await first.close();
    await second.close();
    const restarted = await start();
    assert.equal((await fetchOn(restarted, old.csv)).status, 200);

    // The secret is what makes them valid: another secret refuses them.
    const other = await start("another-secret-entirely-0123456789-abcdef");
    assert.equal((await fetchOn(other, old.csv)).status, 404);
  });

  it("names users in download links only by an opaque handle", () => {
    const links = createRoundLinks({ secret: SECRET, publicUrl: PUBLIC_URL, now: () => new Date() });
    const url = new URL(links.summaryUrl("d-abcdefgh", "md", "3f1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff", "fi")!);
    assert.ok(!url.href.includes("3f1b2c3d"), url.href);
    const grant = links.verify("summary.md", "d-abcdefgh", Object.fromEntries(url.searchParams));
    assert.ok(grant && grant !== "expired");
    assert.equal(grant.who, links.who("3f1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff"));
  });

  it("requires a LINK_SIGNING_SECRET of at least 32 bytes in production and on App Service", () => {
    const prod = {
      NODE_ENV: "production",
      MicrosoftAppId: "x",
      TABLES_ENDPOINT: "https://a.table.core.windows.net",
    };
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message),
      );
    refused(prod, /LINK_SIGNING_SECRET: required/);
    refused({ ...prod, LINK_SIGNING_SECRET: "too-short" }, /LINK_SIGNING_SECRET: at least 32 bytes/);
    refused({ MicrosoftAppId: "x", WEBSITE_SITE_NAME: "dialogi-dev01" }, /LINK_SIGNING_SECRET: required/);
    assert.equal(loadConfig({ ...prod, LINK_SIGNING_SECRET: SECRET }).linkSigningSecret, SECRET);
    // A developer machine may leave it unset: main.ts then uses the secret persisted under .data/.
    assert.equal(loadConfig({ LOCAL_MODE: "true" }).linkSigningSecret, undefined);
    assert.equal(loadConfig({ MicrosoftAppId: "x" }).linkSigningSecret, undefined);
  });

  it("persists local mode's secret under .data/ (created once, private)", async () => {
    const file = path.join(
      mkdtempSync(path.join(os.tmpdir(), "dialogi-link-")),
      ".data",
      "link-signing-secret",
    );
    const a = await localLinkSecret(file);
    const b = await localLinkSecret(file);
    assert.equal(a, b);
    assert.ok(Buffer.byteLength(a) >= 32);
    assert.equal(readFileSync(file, "utf8").trim(), a);
    assert.equal(statSync(file).mode & 0o077, 0);
  });
});
