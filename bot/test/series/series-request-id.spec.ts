import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startSsoAuthority, SSO_TENANT, type SsoAuthority } from "../../testing/sso";
import { cardOf, driver, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";
import { apiClient, reportedDialogueBody, seriesBody, type ApiUser } from "./api-client";

const user = (userId: string, name: string): Actor & ApiUser => ({
  userId,
  userName: name,
  name,
  locale: "fi-FI",
  tenantId: SSO_TENANT,
});

/**
 * A coordinator's announce / remind request carries an id (the tab's id of one click, the card's
 * nonce): the same request again (a retry after a timeout, a double click) sends nothing twice
 * and answers the same; a new request sends again. Real server, Azurite, outbox and connector.
 */
describe("series announce and remind: a retried request sends once", function () {
  this.timeout(60_000);
  const coordinator = user("aad-coord-rq", "Kaisa Koordinaattori");
  const organiser = user("aad-org-rq", "Eero Espoo");
  let app: TestApp;
  let connector: ConnectorRecorder;
  let sso: SsoAuthority;
  let api: ReturnType<typeof apiClient>;
  let bot: ReturnType<typeof driver>;
  let seriesId = "";
  let dialogueId = "";

  /** The series' delivery rows of one kind (the outbox's record of who got what). */
  const rows = async (label: "seriesAnnounce" | "seriesReminder") =>
    (await app.app.outbox.outbox.deliveries(seriesId)).filter((r) => r.label === label);
  /** Cards that reached the organiser's personal chat since `from`. */
  const toOrganiser = (from: number) => bot.sentTo(`a:chat-${organiser.userId}`, from).length;
  const reminderCount = async () =>
    (
      (await api.get(coordinator, `/api/series/${seriesId}/dashboard`)).json.rows as {
        id: string;
        reminderCount: number;
      }[]
    ).find((r) => r.id === dialogueId)?.reminderCount;
  const seriesEtag = async () => (await api.get(coordinator, `/api/series/${seriesId}`)).headers.get("etag");

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: { ...sso.env, COORDINATORS: coordinator.userId, SEED_DEMO_DATA: "false" },
      overrides: { now: () => new Date("2027-04-05T10:00:00Z") },
    });
    api = apiClient(app, sso);
    bot = driver(app, connector);
    const created = await api.post(coordinator, "/api/series", seriesBody());
    assert.equal(created.status, 201, JSON.stringify(created.json));
    seriesId = (created.json.series as { id: string }).id;
    // The organiser joins the network (an announcement reaches them) and has no records yet
    // (a reminder reaches them); they have talked to the bot, so personal messages can reach them.
    const reg = await api.post(
      organiser,
      `/api/series/${seriesId}/dialogues`,
      reportedDialogueBody({ joinNetwork: true }),
    );
    assert.equal(reg.status, 201, JSON.stringify(reg.json));
    dialogueId = (reg.json.dialogue as { id: string }).id;
    await bot.say(organiser, "kierrokset");
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await sso?.close();
  });

  it("announces once for a retried request, answering the same; a new request announces again", async () => {
    const before = connector.calls.length;
    const etag = await seriesEtag();
    const path = `/api/series/${seriesId}/announce`;
    const requestId = randomUUID();
    const first = await api.post(coordinator, path, { requestId });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.equal(first.json.sent, 1);
    const retry = await api.post(coordinator, path, { requestId });
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.json, first.json, "the retry answers what the request did");
    assert.equal((await rows("seriesAnnounce")).length, 1, "the retry added no delivery");
    assert.equal(toOrganiser(before), 1);
    assert.notEqual(await seriesEtag(), etag);
    assert.equal(await seriesEtag(), (first.json.series as { etag: string }).etag, "one version bump");
    // Knowing the id gives no right to announce.
    assert.equal((await api.post(organiser, path, { requestId })).status, 403);

    const again = await api.post(coordinator, path, { requestId: randomUUID() });
    assert.equal(again.status, 200);
    assert.equal(again.json.sent, 1);
    assert.equal((await rows("seriesAnnounce")).length, 2);
    assert.equal(toOrganiser(before), 2);

    // A double click: the same request twice at once announces once, and both answers say so.
    const twice = randomUUID();
    const both = await Promise.all([
      api.post(coordinator, path, { requestId: twice }),
      api.post(coordinator, path, { requestId: twice }),
    ]);
    assert.deepEqual(both[1].json, both[0].json);
    assert.equal(both[0].json.sent, 1);
    assert.equal((await rows("seriesAnnounce")).length, 3);
    assert.equal(toOrganiser(before), 3);
  });

  it("reminds once for a retried tab request, answering the same; a new request reminds again", async () => {
    const before = connector.calls.length;
    const rowsBefore = (await rows("seriesReminder")).length;
    const countBefore = (await reminderCount()) ?? 0;
    const path = `/api/series/${seriesId}/reminders`;
    const requestId = randomUUID();
    const first = await api.post(coordinator, path, { requestId });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json, { reminded: [dialogueId], sent: 1, skipped: 0 });
    const retry = await api.post(coordinator, path, { dialogueIds: [dialogueId], requestId });
    assert.equal(retry.status, 200);
    assert.deepEqual(retry.json, first.json);
    assert.equal((await rows("seriesReminder")).length, rowsBefore + 1);
    assert.equal(toOrganiser(before), 1);
    assert.equal(await reminderCount(), countBefore + 1, "the retry is not counted as a reminder");
    assert.equal((await api.post(organiser, path, { requestId })).status, 403);

    const again = await api.post(coordinator, path, { requestId: randomUUID() });
    assert.deepEqual(again.json, first.json);
    assert.equal((await rows("seriesReminder")).length, rowsBefore + 2);
    assert.equal(toOrganiser(before), 2);
    assert.equal(await reminderCount(), countBefore + 2);

    // A double click: the same request twice at once reminds once, and both answers say so.
    const twice = randomUUID();
    const both = await Promise.all([
      api.post(coordinator, path, { requestId: twice }),
      api.post(coordinator, path, { requestId: twice }),
    ]);
    for (const r of both) assert.deepEqual(r.json, first.json);
    assert.equal((await rows("seriesReminder")).length, rowsBefore + 3);
    assert.equal(toOrganiser(before), 3);
    assert.equal(await reminderCount(), countBefore + 3);
  });

  it("reminds once for two clicks on one dashboard card; the refreshed card reminds again", async () => {
    const before = connector.calls.length;
    const rowsBefore = (await rows("seriesReminder")).length;
    const countBefore = (await reminderCount()) ?? 0;
    const [sent] = await bot.say(coordinator, "kierroksen tilanne");
    const data = executeAction(valid(cardOf(sent)), "series.remind")!.data as Record<string, unknown>;
    assert.match(String(data.nonce), /^[0-9a-f-]{36}$/);
    const first = await bot.execute(coordinator, "series.remind", data);
    valid(first.card, first);
    const second = await bot.execute(coordinator, "series.remind", data);
    valid(second.card, second);
    assert.equal((await rows("seriesReminder")).length, rowsBefore + 1);
    assert.equal(toOrganiser(before), 1);
    assert.equal(await reminderCount(), countBefore + 1);
    // A participant clicking the same card is refused.
    const refused = await bot.execute(organiser, "series.remind", data);
    assert.equal(refused.card, undefined);
    assert.equal(await reminderCount(), countBefore + 1);

    const fresh = executeAction(second.card, "series.remind")!.data as Record<string, unknown>;
    assert.notEqual(fresh.nonce, data.nonce);
    await bot.execute(coordinator, "series.remind", fresh);
    assert.equal((await rows("seriesReminder")).length, rowsBefore + 2);
    assert.equal(toOrganiser(before), 2);
    assert.equal(await reminderCount(), countBefore + 2);
  });

  it("refuses a malformed request id with 400 and sends nothing", async () => {
    const etag = await seriesEtag();
    const announced = (await rows("seriesAnnounce")).length;
    const reminded = (await rows("seriesReminder")).length;
    const count = await reminderCount();
    for (const requestId of ["short", "no spaces here!", "x".repeat(65), 42, { id: "a-b-c-d-e-f" }]) {
      const a = await api.post(coordinator, `/api/series/${seriesId}/announce`, { requestId });
      assert.equal(a.status, 400, `announce ${JSON.stringify(requestId)}`);
      assert.equal(a.json.error, "badRequest");
      const r = await api.post(coordinator, `/api/series/${seriesId}/reminders`, { requestId });
      assert.equal(r.status, 400, `remind ${JSON.stringify(requestId)}`);
    }
    assert.equal(await seriesEtag(), etag);
    assert.equal((await rows("seriesAnnounce")).length, announced);
    assert.equal((await rows("seriesReminder")).length, reminded);
    assert.equal(await reminderCount(), count);
  });
});
