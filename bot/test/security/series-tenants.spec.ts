import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { OTHER_TENANT, SSO_TENANT, startSsoAuthority, type SsoAuthority } from "../../testing/sso";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { apiClient, seriesBody, type ApiUser } from "../series/api-client";

/**
 * Series announcements and the regular organisers list belong to one tenant: a coordinator of
 * tenant A can neither post into tenant B's conversations nor see B's organisers. Issue #15 item 8.
 */
describe("security: series tenant isolation", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let sso: SsoAuthority;
  let api: ReturnType<typeof apiClient>;
  const coordA: ApiUser & Actor = {
    userId: "aad-coord-a",
    name: "A",
    userName: "A",
    tenantId: SSO_TENANT,
    locale: "fi-FI",
  };
  const coordB: ApiUser & Actor = {
    userId: "aad-coord-b",
    name: "B",
    userName: "B",
    tenantId: OTHER_TENANT,
    locale: "fi-FI",
  };
  const CHANNEL_A = "19:tenant-a-network@thread.tacv2";
  const CHANNEL_B = "19:tenant-b-network@thread.tacv2";
  const postsInto = (conversationId: string) =>
    connector.calls.filter((c) => c.method === "POST" && c.path.includes(encodeURIComponent(conversationId)))
      .length;

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: {
        ...sso.env,
        AAD_APP_TENANT_ID: "organizations", // multi-tenant: both tenants sign in
        COORDINATORS: `${coordA.userId},${coordB.userId}`,
        SEED_DEMO_DATA: "false",
      },
    });
    api = apiClient(app, sso);
    // Each tenant's network channel has talked to the bot, so its reference is stored.
    const bot = driver(app, connector);
    await bot.say(coordA, "help", { conversationType: "channel", conversationId: CHANNEL_A });
    await bot.say(coordB, "help", { conversationType: "channel", conversationId: CHANNEL_B });
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await sso?.close();
  });

  it("announces only into conversations of the series' tenant", async () => {
    const created = await api.post(coordA, "/api/series", seriesBody());
    assert.equal(created.status, 201);
    const id = (created.json.series as { id: string }).id;
    const beforeB = postsInto(CHANNEL_B);

    const intoB = await api.post(coordA, `/api/series/${id}/announce`, { conversationId: CHANNEL_B });
    assert.equal(intoB.status, 200);
    assert.equal(intoB.json.posted, false);
    assert.equal(postsInto(CHANNEL_B), beforeB, "nothing was sent into tenant B's channel");

    // The same call into the tenant's own channel does post (the refusal is about the tenant).
    const intoA = await api.post(coordA, `/api/series/${id}/announce`, { conversationId: CHANNEL_A });
    assert.equal(intoA.json.posted, true);
    await connector.waitForActivities(1);
    assert.ok(postsInto(CHANNEL_A) > 0);

    // Tenant B's coordinator cannot announce tenant A's series at all.
    const byB = await api.post(coordB, `/api/series/${id}/announce`, { conversationId: CHANNEL_B });
    assert.equal(byB.status, 404);
    assert.equal(postsInto(CHANNEL_B), beforeB);
  });

  it("keeps each tenant's regular organisers to itself", async () => {
    const b = await api.post(coordB, "/api/series/organisers", { name: "Tenant B:n oma järjestäjä" });
    assert.equal(b.status, 201);
    const a = await api.post(coordA, "/api/series/organisers", { name: "Tenant A:n oma järjestäjä" });
    assert.equal(a.status, 201);
    const names = async (u: ApiUser) =>
      ((await api.get(u, "/api/series/organisers")).json.items as { name: string }[]).map((o) => o.name);
    assert.deepEqual(await names(coordA), ["Tenant A:n oma järjestäjä"]);
    assert.deepEqual(await names(coordB), ["Tenant B:n oma järjestäjä"]);
    // The same name in another tenant is a different organiser, not B's.
    const sameName = await api.post(coordA, "/api/series/organisers", { name: "Tenant B:n oma järjestäjä" });
    assert.notEqual((sameName.json.organiser as { id: string }).id, (b.json.organiser as { id: string }).id);
  });
});
