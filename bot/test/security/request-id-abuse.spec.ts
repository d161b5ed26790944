import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { OTHER_TENANT, startSsoAuthority, SSO_TENANT, type SsoAuthority } from "../../testing/sso";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { apiClient, reportedDialogueBody, seriesBody, type ApiUser } from "../series/api-client";

const user = (userId: string, name: string): Actor & ApiUser => ({
  userId,
  userName: name,
  name,
  locale: "fi-FI",
  tenantId: SSO_TENANT,
});

/**
 * An attacker's (or a confused client's) use of the series request ids: an old id replayed after
 * a newer request, an id reused for a different request, the same id on another series, from two
 * coordinators at once, and ids that are not ids. Each replay changes and sends nothing, each
 * misuse is a clear 4xx with nothing stored or sent. Real server, Azurite, outbox and connector.
 */
describe("security: series request ids under replay and misuse", function () {
  this.timeout(90_000);
  const coordinator = user("aad-coord-ab", "Kaisa Koordinaattori");
  const second = user("aad-coord-ab2", "Kalle Koordinaattori");
  const organiser = user("aad-org-ab", "Eero Espoo");
  const newcomer = user("aad-new-ab", "Vilja Vantaa");
  let app: TestApp;
  let connector: ConnectorRecorder;
  let sso: SsoAuthority;
  let api: ReturnType<typeof apiClient>;
  let bot: ReturnType<typeof driver>;
  let seriesId = "";
  let otherSeriesId = "";
  let dialogueId = "";

  const rows = async (label: "seriesAnnounce" | "seriesReminder", id = seriesId) =>
    (await app.app.outbox.outbox.deliveries(id)).filter((r) => r.label === label);
  const cardsTo = (u: Actor, from = 0) => bot.sentTo(`a:chat-${u.userId}`, from).length;
  const reminderCount = async () =>
    (
      (await api.get(coordinator, `/api/series/${seriesId}/dashboard`)).json.rows as {
        id: string;
        reminderCount: number;
      }[]
    ).find((r) => r.id === dialogueId)?.reminderCount;
  const seriesEtag = async (id = seriesId) =>
    (await api.get(coordinator, `/api/series/${id}`)).headers.get("etag");
  const register = async (u: ApiUser, title: string) => {
    const reg = await api.post(
      u,
      `/api/series/${seriesId}/dialogues`,
      reportedDialogueBody({ title, joinNetwork: true }),
    );
    assert.equal(reg.status, 201, JSON.stringify(reg.json));
    return (reg.json.dialogue as { id: string }).id;
  };
  const createSeries = async () => {
    const created = await api.post(coordinator, "/api/series", seriesBody());
    assert.equal(created.status, 201, JSON.stringify(created.json));
    return (created.json.series as { id: string }).id;
  };
  /** Every outbox row the connector has worked off (a "nothing was sent" check must not race them). */
  const settled = async () => {
    for (let i = 0; i < 100; i++) {
      const all = [
        ...(await app.app.outbox.outbox.deliveries(seriesId)),
        ...(await app.app.outbox.outbox.deliveries(otherSeriesId)),
      ];
      if (all.every((r) => r.status !== "pending")) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("outbox rows still pending");
  };

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: {
        ...sso.env,
        COORDINATORS: `${coordinator.userId},${second.userId}`,
        SEED_DEMO_DATA: "false",
      },
      overrides: { now: () => new Date("2027-04-05T10:00:00Z") },
    });
    api = apiClient(app, sso);
    bot = driver(app, connector);
    seriesId = await createSeries();
    otherSeriesId = await createSeries();
    dialogueId = await register(organiser, "Espoon kirjastodialogi");
    await bot.say(organiser, "kierrokset");
    await bot.say(newcomer, "kierrokset");
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await sso?.close();
  });

  it("an old announce request replayed after a newer one changes and sends nothing", async () => {
    const path = `/api/series/${seriesId}/announce`;
    const old = randomUUID();
    const first = await api.post(coordinator, path, { requestId: old });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.equal(first.json.sent, 1);
    // Meanwhile a new organiser joins the network and a newer announcement reaches both.
    await register(newcomer, "Vantaan dialogi");
    const newer = await api.post(coordinator, path, { requestId: randomUUID() });
    assert.equal(newer.json.sent, 2, JSON.stringify(newer.json));
    await settled();
    const etag = await seriesEtag();
    const announced = (await rows("seriesAnnounce")).length;
    const [toOrganiser, toNewcomer] = [cardsTo(organiser), cardsTo(newcomer)];

    const replay = await api.post(coordinator, path, { requestId: old });
    assert.equal(replay.status, 200, JSON.stringify(replay.json));
    await settled();
    assert.equal(await seriesEtag(), etag, "the replay is not a new announcement");
    assert.equal((await rows("seriesAnnounce")).length, announced, "no delivery row added");
    assert.equal(cardsTo(organiser), toOrganiser);
    assert.equal(cardsTo(newcomer), toNewcomer, "the replay reached nobody new");
  });

  it("an old remind request replayed after a newer one reminds nobody again", async () => {
    const path = `/api/series/${seriesId}/reminders`;
    const old = randomUUID();
    const first = await api.post(coordinator, path, { dialogueIds: [dialogueId], requestId: old });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json.reminded, [dialogueId]);
    await api.post(coordinator, path, { dialogueIds: [dialogueId], requestId: randomUUID() });
    await settled();
    const count = await reminderCount();
    const reminded = (await rows("seriesReminder")).length;
    const toOrganiser = cardsTo(organiser);

    const replay = await api.post(coordinator, path, { dialogueIds: [dialogueId], requestId: old });
    assert.equal(replay.status, 200, JSON.stringify(replay.json));
    assert.deepEqual(replay.json, first.json, "the replay answers what the request did");
    await settled();
    assert.equal(await reminderCount(), count, "the replay is not counted as a reminder");
    assert.equal((await rows("seriesReminder")).length, reminded);
    assert.equal(cardsTo(organiser), toOrganiser);
  });

  it("an id reused for a different request is refused (409), changing and sending nothing", async () => {
    const announce = `/api/series/${seriesId}/announce`;
    const id = randomUUID();
    assert.equal((await api.post(coordinator, announce, { requestId: id })).status, 200);
    await settled();
    const etag = await seriesEtag();
    const announced = (await rows("seriesAnnounce")).length;
    const other = await api.post(coordinator, announce, {
      requestId: id,
      conversationId: "19:other@thread.v2",
    });
    assert.equal(other.status, 409, JSON.stringify(other.json));
    assert.equal(other.json.error, "requestReused");
    assert.match(String(other.json.message), /\S/);

    const remind = `/api/series/${seriesId}/reminders`;
    const rid = randomUUID();
    const reminded = await api.post(coordinator, remind, { dialogueIds: [dialogueId], requestId: rid });
    assert.equal(reminded.status, 200, JSON.stringify(reminded.json));
    await settled();
    const count = await reminderCount();
    const remindRows = (await rows("seriesReminder")).length;
    const newcomerDialogue = (
      (await api.get(coordinator, `/api/series/${seriesId}/dashboard`)).json.rows as { id: string }[]
    ).find((r) => r.id !== dialogueId)!.id;
    const widened = await api.post(coordinator, remind, {
      dialogueIds: [dialogueId, newcomerDialogue],
      requestId: rid,
    });
    assert.equal(widened.status, 409, JSON.stringify(widened.json));
    assert.equal(widened.json.error, "requestReused");
    await settled();
    assert.equal(await seriesEtag(), etag, "the refused announcement changed nothing");
    assert.equal((await rows("seriesAnnounce")).length, announced, "and sent nothing");
    assert.equal(await reminderCount(), count);
    assert.equal((await rows("seriesReminder")).length, remindRows);
  });

  it("the same id on another series is that series' own request; another tenant's series is 404", async () => {
    const id = randomUUID();
    const path = (s: string) => `/api/series/${s}/announce`;
    assert.equal((await api.post(coordinator, path(seriesId), { requestId: id })).status, 200);
    const before = (await rows("seriesAnnounce", otherSeriesId)).length;
    const other = await api.post(coordinator, path(otherSeriesId), { requestId: id });
    assert.equal(other.status, 200, JSON.stringify(other.json));
    assert.equal((await rows("seriesAnnounce", otherSeriesId)).length, before + Number(other.json.sent));
    assert.ok(Number(other.json.sent) >= 1, "the other series is announced: no cross-series dedupe");

    // A coordinator's object id in another tenant: a single-tenant app refuses the token outright.
    const stranger = { ...coordinator, tenantId: OTHER_TENANT };
    await settled();
    const etag = await seriesEtag();
    const rowsBefore = (await rows("seriesAnnounce")).length;
    const refused = await api.post(stranger, path(seriesId), { requestId: id });
    assert.equal(refused.status, 401);
    assert.equal(await seriesEtag(), etag);
    assert.equal((await rows("seriesAnnounce")).length, rowsBefore);
  });

  it("two coordinators with the same id at once: one announcement, one card per person", async () => {
    await settled();
    const announced = (await rows("seriesAnnounce")).length;
    const [toOrganiser, toNewcomer] = [cardsTo(organiser), cardsTo(newcomer)];
    const id = randomUUID();
    const both = await Promise.all(
      [coordinator, second].map((c) => api.post(c, `/api/series/${seriesId}/announce`, { requestId: id })),
    );
    for (const r of both) assert.equal(r.status, 200, JSON.stringify(r.json));
    await settled();
    assert.equal((await rows("seriesAnnounce")).length, announced + 2);
    assert.equal(cardsTo(organiser), toOrganiser + 1);
    assert.equal(cardsTo(newcomer), toNewcomer + 1);
  });

  it("ids that are not ids (control, invisible, key characters, arrays, objects, oversize) are 400", async () => {
    await settled();
    const etag = await seriesEtag();
    const announced = (await rows("seriesAnnounce")).length;
    const reminded = (await rows("seriesReminder")).length;
    const count = await reminderCount();
    const calls = connector.calls.length;
    const bad: unknown[] = [
      "abcdefgh\u0000",
      "abcdefgh\u200b",
      "\u202eabcdefgh",
      "abcd/efgh",
      "abcd\\efgh",
      "abcd#efgh",
      "abcd?efgh",
      "abcd\nefgh",
      "a".repeat(10_000),
      ["abcdefgh-1", "abcdefgh-2"],
      { $ne: "x" },
      null,
      true,
      1e9,
    ];
    for (const requestId of bad) {
      const a = await api.post(coordinator, `/api/series/${seriesId}/announce`, { requestId });
      assert.equal(a.status, 400, `announce ${JSON.stringify(requestId).slice(0, 40)}`);
      const r = await api.post(coordinator, `/api/series/${seriesId}/reminders`, { requestId });
      assert.equal(r.status, 400, `remind ${JSON.stringify(requestId).slice(0, 40)}`);
    }
    // Dialogue ids of the wrong type or shape, and a body that is not an object.
    for (const dialogueIds of ["x", [1], [{}], Array(1000).fill(dialogueId)]) {
      const r = await api.post(coordinator, `/api/series/${seriesId}/reminders`, { dialogueIds });
      assert.equal(r.status, 400, `dialogueIds ${JSON.stringify(dialogueIds).slice(0, 40)}`);
    }
    for (const body of ["[1,2]", '"text"', "{"])
      assert.ok(
        [400, 415].includes((await api.post(coordinator, `/api/series/${seriesId}/reminders`, body)).status),
        body,
      );
    assert.equal(await seriesEtag(), etag);
    assert.equal((await rows("seriesAnnounce")).length, announced);
    assert.equal((await rows("seriesReminder")).length, reminded);
    assert.equal(await reminderCount(), count);
    assert.equal(connector.calls.length, calls, "nothing sent");
  });
});
