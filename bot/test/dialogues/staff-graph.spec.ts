import assert from "node:assert/strict";
import { TEST_TENANT } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startGraphEmulator, type GraphEmulator } from "../../testing/graph-emulator";
import { formInputs } from "../rounds/flow/story";
import { tableRows } from "../rounds/helpers";
import { cardOf, driver, executeAction, textOf, valid, type Actor } from "./conversation-helpers";

const organiser: Actor = { userId: "aad-graph-organiser", userName: "Greta Graph", locale: "sv-FI" };
const GIA = {
  id: "3c1d8e2a-9b7f-4a60-8e15-0f2d6c4b7a93",
  displayName: "Gia Medarrangör",
  mail: "gia@example.fi",
};

/** With Microsoft Graph configured, an e-mail on "Manage organisers" is resolved at once (GET /users/{mail}). */
describe("co-organisers by e-mail through Microsoft Graph", function () {
  this.timeout(60_000);
  let graph: GraphEmulator;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";

  before(async () => {
    graph = await startGraphEmulator();
    graph.addUser(GIA);
    connector = await startConnectorRecorder();
    // Graph reads the directory of the tenant the Teams users here belong to.
    app = await startTestApp({ env: { ...graph.env, GRAPH_TENANT_ID: TEST_TENANT, JOB_POLL_MS: "50" } });
    bot = driver(app, connector);
    await bot.say(organiser, "hjälp");
    const [form] = await bot.say(organiser, "ny dialog");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", { ...create.data, ...formInputs });
    dialogueId = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await graph?.close();
  });
  afterEach(() => assert.deepEqual(graph.violations, [], "requests broke Graph's contract"));

  it("resolves a known address to the person's object id and name (sv)", async () => {
    const added = await bot.execute(organiser, "dialogue.staffAdd", {
      dialogueId,
      role: "organiser",
      email: "GIA@example.fi",
    });
    const text = textOf(valid(added.card, added));
    assert.match(text, /Gia Medarrangör/);
    assert.match(text, /Tillagd som Medarrangör/);
    assert.doesNotMatch(text, /väntar/);
    assert.ok(
      graph.calls.some(
        (c) => c.method === "GET" && decodeURIComponent(c.path).endsWith("/users/gia@example.fi"),
      ),
    );
    const audit = (await tableRows(app, "Dialogues", dialogueId)).filter((r) =>
      String(r.rowKey).startsWith("audit-"),
    );
    assert.ok(
      audit.some(
        (r) => r.action === "staff.add.organiser" && r.target === GIA.id && r.byId === organiser.userId,
      ),
    );
    // The resolved person is an organiser now.
    const gia: Actor = { userId: GIA.id, userName: GIA.displayName, locale: "fi-FI" };
    const manage = await bot.execute(gia, "dialogue.manage", { dialogueId });
    valid(manage.card, manage);
  });

  it("an organiser of another tenant learns nobody from Graph: the address stays pending", async () => {
    const outsider: Actor = { ...organiser, userId: "aad-graph-outsider", tenantId: "tenant-other-graph" };
    await bot.say(outsider, "hjälp");
    const [form] = await bot.say(outsider, "ny dialog");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(outsider, "dialogue.create", { ...create.data, ...formInputs });
    const theirs = String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
    // People lookups are GET /users/{address or id}; meeting sync has its own /users/{id}/… paths.
    const lookups = () =>
      graph.calls.filter(
        (c) => c.method === "GET" && /\/users\/[^/?]+(\?|$)/.test(decodeURIComponent(c.path)),
      ).length;
    const before = lookups();
    for (const [role, key] of [
      ["organiser", { email: "gia@example.fi" }],
      ["facilitator", { person: GIA.id }],
    ] as const) {
      const added = await bot.execute(outsider, "dialogue.staffAdd", { dialogueId: theirs, role, ...key });
      const text = textOf(valid(added.card, added));
      assert.doesNotMatch(text, /Gia Medarrangör/, role);
    }
    assert.equal(lookups(), before, "no Graph lookup for another tenant");
    assert.match(
      textOf((await bot.execute(outsider, "dialogue.staff", { dialogueId: theirs })).card),
      /väntar/,
    );
  });

  it("keeps an address Graph does not know as pending, and says so", async () => {
    const added = await bot.execute(organiser, "dialogue.staffAdd", {
      dialogueId,
      role: "facilitator",
      email: "nobody@example.fi",
    });
    const text = textOf(valid(added.card, added));
    assert.match(text, /nobody@example\.fi/);
    assert.match(text, /väntar/);
  });
});
