import assert from "node:assert/strict";
import { mayOpenPublic, publicOpenersConfig } from "../../src/config/public-openers";
import { parseEnv } from "../../src/config/env-schema";
import { rowsOf } from "../../testing/arrange";
import {
  cardOf,
  createDialogueThroughBot,
  driver,
  executeAction,
  REMOTE_DIALOGUE_FORM,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { startPublicApp, type PublicApp } from "./helpers";

const PUBLIC_CHOICE = /Myös ulkopuoliset/;
const NOT_ENTITLED = /vain kotiorganisaation \(tenantin\) käyttäjät voivat avata dialogin kaikille/;

/**
 * #26.1: opening a dialogue to the public (its page sends mail from the app's mailbox) is a right
 * of the home tenant's users. The test app lists the test tenant; a user of another tenant — in a
 * multi-tenant registration anyone can talk to the bot — is neither offered the choice nor able
 * to forge it, on create or on edit.
 */
describe("public registration: who may open a dialogue to the public", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  const home: Actor = { userId: "aad-right-home", userName: "Hilla Koti", locale: "fi-FI" };
  const foreign: Actor = {
    userId: "aad-right-foreign",
    userName: "Vieras Vierailija",
    locale: "fi-FI",
    tenantId: "tenant-foreign",
  };

  before(async () => {
    pub = await startPublicApp();
    bot = driver(pub.app, pub.connector);
    for (const a of [home, foreign]) await bot.say(a, "help");
  });
  after(() => pub.close());

  const dialogueRows = async () => {
    let n = 0;
    for await (const _ of pub.app.app.store.table("Dialogues").listEntities()) n++;
    return n;
  };

  it("a home-tenant user is offered the public choice", async () => {
    const [form] = await bot.say(home, "uusi dialogi");
    assert.match(JSON.stringify(valid(cardOf(form))), PUBLIC_CHOICE);
  });

  it("another tenant's user is not offered it, and a forged create is refused with a clear message (nothing created)", async () => {
    const [form] = await bot.say(foreign, "uusi dialogi");
    const card = valid(cardOf(form));
    assert.doesNotMatch(JSON.stringify(card), PUBLIC_CHOICE);
    const before = await dialogueRows();
    const create = executeAction(card, "dialogue.create")!;
    const forged = await bot.execute(foreign, "dialogue.create", {
      ...create.data,
      ...REMOTE_DIALOGUE_FORM,
      audience: "public",
    });
    assert.match(textOf(valid(forged.card, forged)), NOT_ENTITLED);
    assert.equal(executeAction(forged.card, "dialogue.edit"), undefined, "the form again, no organiser card");
    assert.equal(await dialogueRows(), before, "no dialogue was created");
  });

  it("a forged edit cannot make another tenant's dialogue public", async () => {
    const { dialogueId, created } = await createDialogueThroughBot(bot, foreign, { audience: "tenant" });
    const editCard = await bot.execute(
      foreign,
      "dialogue.edit",
      executeAction(created.card, "dialogue.edit")!.data,
    );
    const form = valid(editCard.card, editCard);
    assert.doesNotMatch(JSON.stringify(form), PUBLIC_CHOICE);
    const save = executeAction(form, "dialogue.save")!;
    const forged = await bot.execute(foreign, "dialogue.save", {
      ...save.data,
      ...REMOTE_DIALOGUE_FORM,
      audience: "public",
    });
    assert.match(textOf(valid(forged.card, forged)), NOT_ENTITLED);
    const [row] = (await rowsOf(pub.app.app.store, "Dialogues", dialogueId)).filter(
      (r) => r.rowKey === "meta",
    );
    assert.doesNotMatch(JSON.stringify(row), /"audience":"public"/);
    const page = await fetch(`${pub.app.url}/register/${dialogueId}`);
    assert.equal(page.status, 404, "no public page");
  });

  it("the right defaults to the home tenant (single-tenant SSO or Graph's tenant); none outside local mode without one", () => {
    const base = { NODE_ENV: "test" };
    const single = publicOpenersConfig(parseEnv({ ...base, AAD_APP_TENANT_ID: "Tenant-A" }), false);
    assert.ok(mayOpenPublic(single, "tenant-a"));
    assert.ok(!mayOpenPublic(single, "tenant-b"));
    const graph = publicOpenersConfig(
      parseEnv({ ...base, AAD_APP_TENANT_ID: "common", GRAPH_TENANT_ID: "tenant-g" }),
      false,
    );
    assert.ok(mayOpenPublic(graph, "tenant-g"));
    assert.ok(!mayOpenPublic(graph, "tenant-a"));
    const none = publicOpenersConfig(parseEnv({ ...base, AAD_APP_TENANT_ID: "organizations" }), false);
    assert.ok(!mayOpenPublic(none, "tenant-a"));
    assert.ok(!mayOpenPublic(none, undefined));
    const listed = publicOpenersConfig(
      parseEnv({ ...base, PUBLIC_REGISTRATION_TENANTS: "tenant-x,tenant-y", AAD_APP_TENANT_ID: "tenant-a" }),
      false,
    );
    assert.ok(mayOpenPublic(listed, "tenant-y"));
    assert.ok(!mayOpenPublic(listed, "tenant-a"));
  });
});
