import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { localLinkSecret } from "../../src/platform/auth/link-secret";
import { createRoundLinks } from "../../src/features/rounds/services/links";
import { createDialogueLinks } from "../../src/features/dialogues/handlers/links";
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
  const start = async (secret = SECRET, previous?: string) => {
    const app = await startTestApp({
      connectionString: (await sharedAzurite()).connectionString,
      env: {
        PUBLIC_URL,
        TABLES_PREFIX: prefix,
        LINK_SIGNING_SECRET: secret,
        ...(previous ? { LINK_SIGNING_SECRET_PREVIOUS: previous } : {}),
        SEED_DEMO_DATA: "false",
      },
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

  it("a rotation breaks no link: the previous secret still verifies, new links use the current one, an unknown one fails", async () => {
    const NEXT = "link-keys-spec-next-secret-0123456789-klmnopqrst";
    const before = await start();
    const dialogue = await arrangeDialogue(before.app.store);
    const old = await linksFrom(before, dialogue.id);
    await before.close();

    // Rotated: the old secret is now the previous one.
    const rotated = await start(NEXT, SECRET);
    assert.equal((await fetchOn(rotated, old.csv)).status, 200, "a link signed before the rotation");
    const fresh = await linksFrom(rotated, dialogue.id);
    // Signed with the current secret: an instance that knows only the new secret takes it, one
    // that knows only the old one does not.
    const onlyNext = await start(NEXT);
    assert.equal((await fetchOn(onlyNext, fresh.csv)).status, 200);
    assert.equal(
      (await fetchOn(onlyNext, old.csv)).status,
      404,
      "without the previous secret, old links die",
    );
    const onlyOld = await start(SECRET);
    assert.equal((await fetchOn(onlyOld, fresh.csv)).status, 404);
    // A secret that is neither current nor previous signs nothing the app accepts.
    const stranger = await start("an-unknown-secret-0123456789-abcdefghijklmn");
    const forged = await linksFrom(stranger, dialogue.id);
    assert.equal((await fetchOn(rotated, forged.csv)).status, 404);
  });

  it("round links and calendar links verify with the previous secret too, and name the same user", () => {
    const now = () => new Date();
    const user = "3f1b2c3d-aaaa-4bbb-8ccc-ddddeeeeffff";
    const NEXT = "link-keys-spec-next-secret-0123456789-klmnopqrst";
    const old = createRoundLinks({ secret: SECRET, publicUrl: PUBLIC_URL, now });
    const rotated = createRoundLinks({ secret: NEXT, previousSecret: SECRET, publicUrl: PUBLIC_URL, now });
    const unknown = createRoundLinks({
      secret: NEXT,
      previousSecret: "x".repeat(40),
      publicUrl: PUBLIC_URL,
      now,
    });
    const url = new URL(old.summaryUrl("d-abcdefgh", "md", user, "fi")!);
    const grant = rotated.verify("summary.md", "d-abcdefgh", Object.fromEntries(url.searchParams));
    assert.ok(grant && grant !== "expired");
    assert.ok(rotated.isWho(user, grant.who), "the old link's handle names the user");
    assert.ok(!rotated.isWho("someone-else", grant.who));
    assert.equal(unknown.verify("summary.md", "d-abcdefgh", Object.fromEntries(url.searchParams)), undefined);
    // New links carry the current secret's handle.
    const next = new URL(rotated.summaryUrl("d-abcdefgh", "md", user, "fi")!);
    assert.notEqual(next.searchParams.get("u"), url.searchParams.get("u"));

    const calOld = createDialogueLinks({ secret: SECRET, publicUrl: PUBLIC_URL, now });
    const calRotated = createDialogueLinks({
      secret: NEXT,
      previousSecret: SECRET,
      publicUrl: PUBLIC_URL,
      now,
    });
    const calNext = createDialogueLinks({ secret: NEXT, publicUrl: PUBLIC_URL, now });
    const t = new URL(calOld.calendarUrl("d-abcdefgh")!).searchParams.get("t")!;
    assert.ok(calRotated.verifyCalendar("d-abcdefgh", t));
    assert.ok(!calNext.verifyCalendar("d-abcdefgh", t));
  });

  it("refuses a previous secret under 32 bytes and an unresolved Key Vault reference", () => {
    const prod = {
      NODE_ENV: "production",
      MicrosoftAppId: "x",
      TABLES_ENDPOINT: "https://a.table.core.windows.net",
      LINK_SIGNING_SECRET: SECRET,
    };
    const refused = (env: Record<string, string>, pattern: RegExp) =>
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message),
      );
    refused(
      { ...prod, LINK_SIGNING_SECRET_PREVIOUS: "short" },
      /LINK_SIGNING_SECRET_PREVIOUS: at least 32 bytes/,
    );
    // App Service passes an unresolvable reference through as text anyone can read in the template.
    const reference = "@Microsoft.KeyVault(VaultName=dialogikv;SecretName=link-signing-secret-previous)";
    refused(
      { ...prod, LINK_SIGNING_SECRET_PREVIOUS: reference },
      /LINK_SIGNING_SECRET_PREVIOUS: the Key Vault reference was not resolved/,
    );
    refused(
      { ...prod, LINK_SIGNING_SECRET: reference },
      /LINK_SIGNING_SECRET: the Key Vault reference was not resolved/,
    );
    const ok = loadConfig({ ...prod, LINK_SIGNING_SECRET_PREVIOUS: "p".repeat(32) });
    assert.equal(ok.linkSigningPreviousSecret, "p".repeat(32));
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
