import assert from "node:assert/strict";
import { createJobQueue } from "../../src/platform/jobs/job-queue";
import { createJobRunner } from "../../src/platform/jobs/job-runner";
import { createLogger } from "../../src/logger";
import { ConversationGoneError } from "../../src/platform/messaging/delivery-error";
import {
  createConversationRefRepository,
  type ConversationRefRepository,
} from "../../src/platform/tables/conversation-refs";
import { BOT_ACCOUNT, messageActivity, user } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { testStore } from "../../testing/azurite";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";

const TEAM = "19:team-general@thread.tacv2";
const CHANNEL_A = "19:channel-a@thread.tacv2";
const CHANNEL_B = "19:channel-b@thread.tacv2";
const GROUP_CHAT = "19:group-chat@thread.v2";

describe("uninstall: stale conversation references are dropped", () => {
  let app: TestApp;
  let connector: ConnectorRecorder;
  let refs: ConversationRefRepository;
  let logLines: string[];

  before(async () => {
    connector = await startConnectorRecorder();
    logLines = [];
    app = await startTestApp({ logLines });
    refs = createConversationRefRepository(app.app.store.table("ConversationRefs"));
  });
  after(async () => {
    await app.close();
    await connector.close();
  });
  beforeEach(() => connector.reset());

  const post = async (activity: Record<string, unknown>) => {
    const res = await app.postActivity(activity);
    assert.ok(res.status === 200 || res.status === 202, `HTTP ${res.status}`);
  };

  /** A channel message in a team: stores the channel's reference (and replies with a hint). */
  async function writeInChannel(conversationId: string, teamId = TEAM) {
    await post({
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        text: "?",
        conversationType: "channel",
        conversationId,
      }),
      channelData: { tenant: { id: "tenant-0001" }, team: { id: teamId }, channel: { id: conversationId } },
    });
    assert.ok(await refs.get("conversation", conversationId), "reference stored by the message");
  }

  const removal = (o: Record<string, unknown>, conversationType: "personal" | "channel" | "groupChat") => ({
    ...messageActivity({ serviceUrl: connector.serviceUrl, conversationType, ...o }),
    type: "installationUpdate",
    action: "remove",
    text: undefined,
  });

  it("installationUpdate remove in a team drops every channel of that team; sends there stop", async () => {
    await writeInChannel(CHANNEL_A);
    await writeInChannel(CHANNEL_B);
    await writeInChannel("19:other-team@thread.tacv2", "19:other-team-general@thread.tacv2");
    await post({
      ...removal({ conversationId: TEAM }, "channel"),
      channelData: { tenant: { id: "tenant-0001" }, team: { id: TEAM } },
    });
    assert.equal(await refs.get("conversation", CHANNEL_A), undefined);
    assert.equal(await refs.get("conversation", CHANNEL_B), undefined);
    assert.ok(
      await refs.get("conversation", "19:other-team@thread.tacv2"),
      "another team keeps its reference",
    );

    connector.reset();
    assert.equal(
      await app.app.messenger.sendToConversation(CHANNEL_A, { type: "message", text: "x" }),
      undefined,
    );
    assert.equal(connector.calls.length, 0, "no call to the connector for a removed conversation");
  });

  it("installationUpdate remove in a personal chat drops the user's reference", async () => {
    const u = user(41);
    // Teams' personal chat ids are opaque (the fixture's default would contain the user id).
    const conversationId = "a:opaque-personal-41";
    await post(
      messageActivity({ serviceUrl: connector.serviceUrl, text: "?", userId: u.aadObjectId, conversationId }),
    );
    assert.ok(await refs.get("user", u.aadObjectId));
    await post(removal({ userId: u.aadObjectId, conversationId }, "personal"));
    assert.equal(await refs.get("user", u.aadObjectId), undefined);

    connector.reset();
    assert.equal(
      await app.app.messenger.sendToUser(u.aadObjectId, { type: "message", text: "x" }),
      undefined,
    );
    assert.equal(connector.calls.length, 0);
    // The log names the conversation, never the user.
    const dropped = logLines.filter((l) => l.includes("references dropped") && l.includes(conversationId));
    assert.equal(dropped.length, 1, "one 'references dropped' line for the chat");
    assert.ok(!dropped[0]!.includes(u.aadObjectId), dropped[0]);
  });

  it("conversationUpdate with the bot in membersRemoved drops the chat; another member leaving does not", async () => {
    await post(
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: "?",
        conversationType: "groupChat",
        conversationId: GROUP_CHAT,
      }),
    );
    const base = {
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        conversationType: "groupChat",
        conversationId: GROUP_CHAT,
      }),
      text: undefined,
      type: "conversationUpdate",
    };
    await post({ ...base, membersRemoved: [{ id: user(2).id }] });
    assert.ok(await refs.get("conversation", GROUP_CHAT), "a person leaving keeps the reference");
    await post({ ...base, membersRemoved: [{ id: BOT_ACCOUNT.id }] });
    assert.equal(await refs.get("conversation", GROUP_CHAT), undefined);
  });

  it("re-installing stores the reference again, although this instance had cached it", async () => {
    const chat = "19:reinstall@thread.v2";
    await post(
      messageActivity({
        serviceUrl: connector.serviceUrl,
        text: "?",
        conversationType: "groupChat",
        conversationId: chat,
      }),
    );
    // Another instance handled the removal: this one's cache still says "stored".
    await createConversationRefRepository(app.app.store.table("ConversationRefs")).remove(
      "conversation",
      chat,
    );
    await post({
      ...messageActivity({
        serviceUrl: connector.serviceUrl,
        conversationType: "groupChat",
        conversationId: chat,
      }),
      type: "installationUpdate",
      action: "add",
      text: undefined,
    });
    assert.ok(await refs.get("conversation", chat));
  });

  for (const status of [403, 404]) {
    it(`connector ${status} on a proactive send drops the reference; the next send does not call`, async () => {
      await writeInChannel(CHANNEL_A);
      connector.reset();
      connector.failNext({ status, times: 1 });
      await assert.rejects(
        app.app.messenger.sendToConversation(CHANNEL_A, { type: "message", text: "x" }),
        (err: unknown) =>
          err instanceof ConversationGoneError && err.statusCode === status && err.attempts === 1,
      );
      assert.equal(await refs.get("conversation", CHANNEL_A), undefined);
      assert.equal(
        await app.app.messenger.sendToConversation(CHANNEL_A, { type: "message", text: "y" }),
        undefined,
      );
      assert.equal(connector.activities().length, 0);
    });
  }

  it("403 to a user's personal chat drops both of its references", async () => {
    const u = user(42);
    await post(messageActivity({ serviceUrl: connector.serviceUrl, text: "?", userId: u.aadObjectId }));
    const personal = (await refs.get("user", u.aadObjectId))!.conversationId;
    await app.app.messenger.sendToUser(u.aadObjectId, { type: "message", text: "1" }); // also stored by conversation id
    assert.ok(await refs.get("conversation", personal));
    connector.failNext({ status: 403, times: 1 });
    await assert.rejects(app.app.messenger.sendToUser(u.aadObjectId, { text: "2" }), ConversationGoneError);
    assert.equal(await refs.get("user", u.aadObjectId), undefined);
    assert.equal(await refs.get("conversation", personal), undefined);
  });

  it("a 404 on an update (one deleted message) keeps the conversation", async () => {
    await writeInChannel(CHANNEL_B);
    connector.failNext({ status: 404, times: 1 });
    await assert.rejects(app.app.messenger.updateActivity(CHANNEL_B, "act-1", { text: "v2" }), {
      statusCode: 404,
    });
    assert.ok(await refs.get("conversation", CHANNEL_B));
  });

  it("a job whose conversation is gone gives up at once instead of retrying", async () => {
    await writeInChannel(CHANNEL_A);
    const { store } = await testStore();
    await store.ensureTables(["Jobs"]);
    const clock = new Date("2030-01-01T10:00:00Z");
    const jobLines: string[] = [];
    let calls = 0;
    const runner = createJobRunner({
      table: store.table("Jobs"),
      owner: "test",
      now: () => clock,
      logger: createLogger("debug", (l) => jobLines.push(l)),
      retryBaseMs: 1,
      handlers: {
        post: async (payload) => {
          calls++;
          await app.app.messenger.sendToConversation(String(payload.conversationId), { text: "round over" });
        },
      },
    });
    await createJobQueue(store.table("Jobs"), { now: () => clock }).schedule({
      id: "gone-1",
      kind: "post",
      dueAt: clock,
      payload: { conversationId: CHANNEL_A },
    });
    connector.failNext({ status: 403, times: 1 });
    const first = await runner.runDueOnce();
    assert.deepEqual([first.failed, first.gaveUp], [1, 1]);
    // Nothing left to retry, even long after the backoff would have fired.
    clock.setTime(clock.getTime() + 24 * 3600_000);
    const later = await runner.runDueOnce();
    assert.equal(later.due, 0);
    assert.equal(calls, 1);
    assert.ok(jobLines.some((l) => l.includes("job failed permanently")));
  });
});
