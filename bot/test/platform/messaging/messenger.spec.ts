import assert from "node:assert/strict";
import { createRateLimiter } from "../../../src/platform/messaging/rate-limiter";
import { TurnContext } from "botbuilder";
import type { Activity } from "botframework-schema";
import sinon from "sinon";
import { createAdapter } from "../../../src/platform/teams/adapter";
import { createLogger } from "../../../src/logger";
import { DeliveryError, NoReferenceError } from "../../../src/platform/messaging/delivery-error";
import {
  createMessenger,
  type DialogiMessenger,
  type MessengerOptions,
} from "../../../src/platform/messaging/messenger";
import {
  createConversationRefRepository,
  type ConversationRefRepository,
} from "../../../src/platform/tables/conversation-refs";
import { messageActivity, TEST_TENANT, user } from "../../../testing/activities";
import { testStore } from "../../../testing/azurite";
import { TEST_APP_ID } from "../../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../../testing/connector-recorder";
import { StubCredentialsFactory, TEST_OUTBOUND_TOKEN } from "../../../testing/outbound-credentials";

const CHANNEL = "19:team-channel@thread.tacv2";

describe("messaging: messenger through the connector", () => {
  let recorder: ConnectorRecorder;
  let refs: ConversationRefRepository;
  let logLines: string[];
  let sleep: sinon.SinonSpy<[number], Promise<void>>;
  let clock: number;

  before(async () => {
    recorder = await startConnectorRecorder();
  });
  after(() => recorder.close());

  beforeEach(async () => {
    recorder.reset();
    const { store } = await testStore();
    await store.ensureTables(["ConversationRefs"]);
    refs = createConversationRefRepository(store.table("ConversationRefs"));
    logLines = [];
    clock = 5_000_000;
    // Every wait moves the clock by exactly what was asked: the spy sees the messenger's waits.
    sleep = sinon.spy(async (ms: number) => void (clock += ms));
  });

  const messenger = (o: Partial<MessengerOptions> = {}, onSign?: () => Promise<void>): DialogiMessenger => {
    const logger = createLogger("debug", (l) => logLines.push(l));
    const adapter = createAdapter({
      auth: {
        authEnabled: true,
        MicrosoftAppId: TEST_APP_ID,
        MicrosoftAppPassword: "x",
        MicrosoftAppType: "MultiTenant",
      },
      logger,
      credentialsFactory: new StubCredentialsFactory(TEST_APP_ID, onSign),
    });
    return createMessenger({
      adapter,
      appId: TEST_APP_ID,
      conversationRefs: refs,
      logger,
      sleep,
      now: () => clock,
      random: () => 0.5,
      ...o,
    });
  };

  /** Stores references the way the bot does on an incoming turn. */
  async function rememberUser(n: number) {
    const u = user(n);
    const a = messageActivity({
      serviceUrl: recorder.serviceUrl,
      userId: u.aadObjectId,
    }) as unknown as Activity;
    await refs.save({
      kind: "user",
      key: u.aadObjectId,
      tenantId: TEST_TENANT,
      serviceUrl: a.serviceUrl,
      conversationId: a.conversation.id,
      conversationType: "personal",
      channelId: "msteams",
      botId: a.recipient.id,
      reference: JSON.stringify(TurnContext.getConversationReference(a)),
    });
    return { aadId: u.aadObjectId, conversationId: a.conversation.id };
  }

  async function rememberChannel() {
    const a = messageActivity({
      serviceUrl: recorder.serviceUrl,
      conversationType: "channel",
    }) as unknown as Activity;
    await refs.save({
      kind: "conversation",
      key: CHANNEL,
      tenantId: TEST_TENANT,
      serviceUrl: a.serviceUrl,
      conversationId: CHANNEL,
      conversationType: "channel",
      channelId: "msteams",
      botId: a.recipient.id,
      reference: JSON.stringify(TurnContext.getConversationReference(a)),
    });
  }

  const logs = () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it("sends to a user's personal chat with the outbound token", async () => {
    const u = await rememberUser(1);
    const sent = await messenger().sendToUser(u.aadId, { type: "message", text: "Muistutus" });
    assert.equal(sent?.conversationId, u.conversationId);
    assert.match(sent?.activityId ?? "", /^act-/);
    const [call] = recorder.calls;
    assert.equal(call?.method, "POST");
    assert.ok(call?.path.startsWith(`/v3/conversations/${encodeURIComponent(u.conversationId)}/activities`));
    assert.equal(call?.authorization, `Bearer ${TEST_OUTBOUND_TOKEN}`);
    assert.equal(call?.body.text, "Muistutus");
    assert.equal(sleep.callCount, 0);
  });

  it("429 with Retry-After 1 → waits about that long, then delivers once", async () => {
    const u = await rememberUser(1);
    recorder.failNext({ status: 429, times: 1, retryAfterSeconds: 1 });
    const sent = await messenger().sendToUser(u.aadId, { type: "message", text: "hi" });
    assert.ok(sent?.activityId);
    assert.equal(recorder.activities().length, 1);
    assert.equal(sleep.callCount, 1);
    assert.equal(sleep.firstCall.args[0], 1000);
  });

  it("502 twice → backs off exponentially, then delivers once", async () => {
    const u = await rememberUser(1);
    recorder.failNext({ status: 502, times: 2 });
    await messenger().sendToUser(u.aadId, { type: "message", text: "hi" });
    assert.equal(recorder.activities().length, 1);
    // Full jitter with random 0.5: half of a 1 s, then of a 2 s window.
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [500, 1000],
    );
  });

  it("403 → not retried; the error surfaces with its status and the reference is dropped", async () => {
    const u = await rememberUser(1);
    recorder.failNext({ status: 403, times: 1 });
    await assert.rejects(messenger().sendToUser(u.aadId, { type: "message", text: "hi" }), (err: unknown) => {
      assert.ok(err instanceof DeliveryError);
      assert.equal(err.statusCode, 403);
      assert.equal(err.attempts, 1);
      return true;
    });
    assert.equal(sleep.callCount, 0);
    assert.equal(recorder.activities().length, 0);
    const failure = logs().find((l) => l.msg === "conversation gone; reference dropped");
    assert.equal(failure?.status, 403);
    assert.equal(failure?.conversationId, u.conversationId);
    assert.equal(await refs.get("user", u.aadId), undefined);
  });

  it("gives up after maxAttempts on persistent 503", async () => {
    const u = await rememberUser(1);
    recorder.failNext({ status: 503, times: 3 });
    await assert.rejects(messenger({ maxAttempts: 3 }).sendToUser(u.aadId, { text: "hi" }), {
      name: "DeliveryError",
      statusCode: 503,
      attempts: 3,
    });
    assert.equal(sleep.callCount, 2);
  });

  it("does not wait out a Retry-After longer than the limit", async () => {
    const u = await rememberUser(1);
    recorder.failNext({ status: 429, times: 1, retryAfterSeconds: 600 });
    await assert.rejects(messenger().sendToUser(u.aadId, { text: "hi" }), { statusCode: 429, attempts: 1 });
    assert.equal(sleep.callCount, 0);
  });

  it("no reference → undefined and a 'no reference' log without the user id", async () => {
    const unknown = user(99).aadObjectId;
    assert.equal(await messenger().sendToUser(unknown, { text: "hi" }), undefined);
    assert.equal(await messenger().sendToConversation("19:unknown@thread.tacv2", { text: "hi" }), undefined);
    assert.equal(recorder.calls.length, 0);
    assert.equal(logs().filter((l) => l.msg === "no reference").length, 2);
    assert.ok(!logLines.some((l) => l.includes(unknown)));
  });

  it("sends to a channel by conversation id", async () => {
    await rememberChannel();
    const sent = await messenger().sendToConversation(CHANNEL, { type: "message", text: "Kutsu" });
    assert.equal(sent?.conversationId, CHANNEL);
    assert.ok(
      recorder.calls[0]?.path.startsWith(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`),
    );
  });

  it("updateActivity issues a PUT to the activity, also in a personal chat it sent to", async () => {
    const u = await rememberUser(1);
    const m = messenger();
    const sent = await m.sendToUser(u.aadId, { type: "message", text: "v1" });
    await m.updateActivity(sent!.conversationId, sent!.activityId!, { text: "v2" });
    const put = recorder.calls.find((c) => c.method === "PUT");
    assert.equal(
      put?.path,
      `/v3/conversations/${encodeURIComponent(u.conversationId)}/activities/${sent!.activityId}`,
    );
    assert.equal(put?.body.text, "v2");
    assert.equal(put?.body.type, "message");
  });

  it("updateActivity retries a 412 and fails clearly without a reference", async () => {
    await rememberChannel();
    recorder.failNext({ status: 412, times: 1 });
    await messenger().updateActivity(CHANNEL, "act-7", { text: "v2" });
    assert.equal(recorder.calls.filter((c) => c.method === "PUT").length, 1);
    assert.equal(sleep.callCount, 1);
    await assert.rejects(
      messenger().updateActivity("19:gone@thread.tacv2", "act-1", { text: "x" }),
      NoReferenceError,
    );
  });

  it("creates a personal chat through a shared channel for a user who never wrote to the bot", async () => {
    await rememberChannel();
    const aadId = user(5).aadObjectId;
    const m = messenger();
    const sent = await m.sendToUser(aadId, { type: "message", text: "Kutsu" }, { via: CHANNEL });
    const create = recorder.calls[0];
    assert.equal(create?.method, "POST");
    assert.equal(create?.path, "/v3/conversations");
    assert.deepEqual(
      (create?.body.members as { id: string }[]).map((x) => x.id),
      [aadId],
    );
    assert.equal(create?.body.tenantId, TEST_TENANT);
    assert.match(sent?.conversationId ?? "", /^a:personal-/);
    assert.equal(recorder.activities()[0]?.text, "Kutsu");

    // The new chat was remembered: the next send goes straight there.
    await m.sendToUser(aadId, { type: "message", text: "Muistutus" });
    assert.equal(recorder.calls.filter((c) => c.path === "/v3/conversations").length, 1);
    assert.equal((await refs.get("user", aadId))?.conversationId, sent?.conversationId);
  });

  it("paces a burst to one conversation to Teams' per-conversation limits, with a 50 ms margin", async () => {
    await rememberChannel();
    const m = messenger();
    for (let i = 0; i < 9; i++) await m.sendToConversation(CHANNEL, { text: `m${i}` });
    assert.equal(recorder.activities().length, 9);
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [10, 10, 10, 10, 10, 10, 990, 1000],
    );
    // The tenant spreads sends 10 ms apart; the conversation's windows set the rest.
    // 8th a second (plus margin) after the 1st; 9th two seconds (plus margin) after it.
    assert.equal(clock - 5_000_000, 2050);
  });

  it("paces by when a request leaves: a slow signing step does not let the next one crowd the window", async () => {
    const u = await rememberUser(1);
    const tenantLimiter = createRateLimiter({ windows: [{ limit: 1, ms: 1000 }], now: () => clock, sleep });
    // Signing (a token fetch) takes 400 ms: the first request leaves 400 ms after it was let through.
    const m = messenger({ tenantLimiter }, async () => void (clock += 400));
    await m.sendToUser(u.aadId, { type: "message", text: "first" });
    await m.sendToUser(u.aadId, { type: "message", text: "second" });
    assert.equal(recorder.activities().length, 2);
    // A full second after the first one left (not 600 ms, counted from when it was let through).
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [1000],
    );
  });

  it("paceMarginMs: 0 paces exactly at the published limits", async () => {
    await rememberChannel();
    const m = messenger({ paceMarginMs: 0 });
    for (let i = 0; i < 9; i++) await m.sendToConversation(CHANNEL, { text: `m${i}` });
    assert.deepEqual(
      sleep.getCalls().map((c) => c.args[0]),
      [10, 10, 10, 10, 10, 10, 940, 1000],
    );
    assert.equal(clock - 5_000_000, 2000);
  });
});
