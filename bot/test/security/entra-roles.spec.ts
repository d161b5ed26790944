import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startGraphEmulator, type GraphEmulator } from "../../testing/graph-emulator";
import { loadConfig, ConfigError } from "../../src/config";
import { cardOf, driver, textOf, type Actor } from "../dialogues/conversation-helpers";

const SP = "7d1c3a2b-1111-4c2d-9e8f-0a1b2c3d4e5f";
const ROLE = "3f6b2c1e-8d4a-4e5b-9c7f-1a2b3c4d5e6f";
const OTHER_ROLE = "0b0b0b0b-2222-4c2d-9e8f-0a1b2c3d4e5f";
const GROUP = "9a9a9a9a-3333-4c2d-9e8f-0a1b2c3d4e5f";

const direct: Actor = { userId: "aad-role-direct", userName: "Riikka Roolitettu", locale: "en-GB" };
const viaGroup: Actor = { userId: "aad-role-group", userName: "Ryhmä Jäsen", locale: "en-GB" };
const otherRole: Actor = { userId: "aad-role-other", userName: "Toinen Rooli", locale: "en-GB" };
const nobody: Actor = { userId: "aad-role-none", userName: "Ei Roolia", locale: "en-GB" };

const NEW_SERIES_FORM = /New dialogue series/;
const REFUSED = /Only coordinators of the national dialogues can do this/;

describe("coordinator role from Entra in the bot (app role assignments read through Graph)", function () {
  this.timeout(60_000);
  let graph: GraphEmulator;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let bot: ReturnType<typeof driver>;

  before(async () => {
    graph = await startGraphEmulator({ pageSize: 2 });
    connector = await startConnectorRecorder();
    graph.servicePrincipals.add(SP);
    graph.appRoleAssignments.push(
      // Pages of two: the direct assignment is on the second page (nextLink is followed).
      { resourceId: SP, principalId: "aad-someone-else", principalType: "User", appRoleId: ROLE },
      { resourceId: SP, principalId: otherRole.userId, principalType: "User", appRoleId: OTHER_ROLE },
      { resourceId: SP, principalId: direct.userId, principalType: "User", appRoleId: ROLE },
      { resourceId: SP, principalId: GROUP, principalType: "Group", appRoleId: ROLE },
    );
    graph.groupMembers.set(GROUP, new Set([viaGroup.userId]));
    app = await startTestApp({ env: { ...graph.env, COORDINATOR_ROLE_RESOURCE_ID: SP } });
    bot = driver(app, connector);
  });
  after(async () => {
    await app.close();
    await connector.close();
    await graph.close();
  });
  afterEach(() => assert.deepEqual(graph.violations, [], "requests broke Graph's contract"));

  const newSeries = async (a: Actor) => {
    const sent = await bot.say(a, "new series");
    return sent.map((x) => (Array.isArray(x.attachments) ? textOf(cardOf(x)) : String(x.text))).join("\n");
  };

  it("a directly assigned user and a member of an assigned group get the coordinator-only form", async () => {
    assert.match(await newSeries(direct), NEW_SERIES_FORM);
    assert.match(await newSeries(viaGroup), NEW_SERIES_FORM);
    const checks = graph.calls.filter((c) => c.path.endsWith("/checkMemberGroups"));
    assert.ok(checks.some((c) => c.path.includes(viaGroup.userId)));
    assert.deepEqual(checks.find((c) => c.path.includes(viaGroup.userId))!.body, { groupIds: [GROUP] });
    const reads = graph.calls.filter((c) => c.path.endsWith("/appRoleAssignedTo"));
    assert.ok(reads.length >= 2, "followed the nextLink");
    assert.ok(reads.every((c) => c.query.includes("%24select=") || c.query.includes("$select=")));
  });

  it("another role of the same app, or no assignment, is refused", async () => {
    assert.match(await newSeries(otherRole), REFUSED);
    assert.match(await newSeries(nobody), REFUSED);
  });

  it("answers are cached: asking again makes no Graph call", async () => {
    const before = graph.calls.length;
    assert.match(await newSeries(direct), NEW_SERIES_FORM);
    assert.match(await newSeries(nobody), REFUSED);
    assert.equal(graph.calls.length, before);
  });

  it("fails closed: Graph refusing or down grants nothing, and the bot still answers", async () => {
    const failing: Actor = { userId: "aad-role-later", userName: "Myöhemmin Lisätty", locale: "en-GB" };
    graph.groupMembers.get(GROUP)!.add(failing.userId);
    graph.options.forbidden = true;
    try {
      assert.match(await newSeries(failing), REFUSED);
    } finally {
      graph.options.forbidden = false;
    }
    graph.options.down = true;
    try {
      assert.match(await newSeries(failing), REFUSED);
    } finally {
      graph.options.down = false;
    }
    // Failures are not cached: once Graph answers, the member is recognised.
    assert.match(await newSeries(failing), NEW_SERIES_FORM);
  });
});

describe("COORDINATOR_ROLE_RESOURCE_ID configuration", () => {
  const base = { NODE_ENV: "test", LOCAL_MODE: "true", LINK_SIGNING_SECRET: "x".repeat(32) };
  it("needs Graph, object ids only, and the role id only with it", () => {
    assert.throws(
      () => loadConfig({ ...base, COORDINATOR_ROLE_RESOURCE_ID: SP }),
      (e: unknown) => {
        return e instanceof ConfigError && /needs Microsoft Graph/.test(e.message);
      },
    );
    const graphEnv = {
      GRAPH_CREDENTIAL: "managedIdentity",
      IDENTITY_ENDPOINT: "http://127.0.0.1:9/msi",
      IDENTITY_HEADER: "h",
    };
    assert.throws(
      () => loadConfig({ ...base, ...graphEnv, COORDINATOR_ROLE_RESOURCE_ID: "Dialogi app" }),
      /COORDINATOR_ROLE_RESOURCE_ID: must be an object id/,
    );
    assert.throws(() => loadConfig({ ...base, COORDINATOR_APP_ROLE_ID: ROLE }), /set both or neither/);
    const ok = loadConfig({ ...base, ...graphEnv, COORDINATOR_ROLE_RESOURCE_ID: SP.toUpperCase() });
    assert.deepEqual(ok.coordinatorRole, { resourceId: SP, appRoleId: ROLE });
    assert.equal(loadConfig({ ...base }).coordinatorRole, undefined);
  });
});
