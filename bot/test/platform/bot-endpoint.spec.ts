import assert from "node:assert/strict";
import { messageActivity, installActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { adaptiveCardProblems, cardOf, cardTexts } from "../../testing/card-validation";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";

describe("bot endpoint (local development, auth off)", () => {
  let app: TestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await connector.close();
  });
  beforeEach(() => connector.reset());

  const cases: [string, string, RegExp][] = [
    ["apua", "fi-FI", /Dialogi Teamsissa/],
    ["hjälp", "sv-SE", /Dialogi i Teams/],
    ["help", "en-US", /Dialogi in Teams/],
  ];
  for (const [text, locale, title] of cases) {
    it(`answers "${text}" (${locale}) with a valid help card in that language`, async () => {
      const res = await app.postActivity(messageActivity({ serviceUrl: connector.serviceUrl, text, locale }));
      assert.equal(res.status, 200);
      const [sent] = await connector.waitForActivities(1);
      const card = cardOf(sent!);
      assert.equal(card.version, "1.5");
      assert.deepEqual(adaptiveCardProblems(card), []);
      assert.match(cardTexts(card).join("\n"), title);
    });
  }

  it("understands help with a channel @mention", async () => {
    const activity = messageActivity({
      serviceUrl: connector.serviceUrl,
      text: "<at>Dialogi</at> HELP ",
      locale: "en-GB",
      conversationType: "channel",
    });
    assert.equal((await app.postActivity(activity)).status, 200);
    const [sent] = await connector.waitForActivities(1);
    assert.match(cardTexts(cardOf(sent!)).join("\n"), /Dialogi in Teams/);
  });

  it("welcomes with the help card on install", async () => {
    const res = await app.postActivity(
      installActivity({ serviceUrl: connector.serviceUrl, locale: "sv-FI" }),
    );
    assert.equal(res.status, 200);
    const [sent] = await connector.waitForActivities(1);
    assert.match(cardTexts(cardOf(sent!)).join("\n"), /Dialogi i Teams/);
  });

  it("gives a translated hint for unknown text, defaulting to Finnish", async () => {
    await app.postActivity(
      messageActivity({ serviceUrl: connector.serviceUrl, text: "mitä kuuluu", locale: "de-DE" }),
    );
    const [sent] = await connector.waitForActivities(1);
    assert.match(String(sent!.text), /apua/);
  });

  it("stores the conversation reference for proactive messages", async () => {
    const activity = messageActivity({ serviceUrl: connector.serviceUrl, text: "help", userId: "aad-ref-1" });
    await app.postActivity(activity);
    await connector.waitForActivities(1);
    const { createConversationRefRepository } = await import("../../src/platform/tables/conversation-refs");
    const refs = createConversationRefRepository(app.app.store.table("ConversationRefs"));
    const ref = await refs.get("user", "aad-ref-1");
    assert.equal(ref?.serviceUrl, connector.serviceUrl);
    assert.equal(ref?.conversationId, (activity.conversation as { id: string }).id);
  });

  const malformed: [string, string][] = [
    ["invalid JSON", "{not json"],
    ["a JSON array", "[1,2]"],
    ["no type", JSON.stringify({ serviceUrl: "http://x", conversation: { id: "c" } })],
    ["no serviceUrl", JSON.stringify({ type: "message", conversation: { id: "c" } })],
    ["no conversation", JSON.stringify({ type: "message", serviceUrl: "http://x" })],
    [
      "text of wrong type",
      JSON.stringify({ type: "message", serviceUrl: "http://x", conversation: { id: "c" }, text: 5 }),
    ],
  ];
  for (const [name, body] of malformed) {
    it(`rejects a malformed body with 400: ${name}`, async () => {
      const res = await app.postActivity(body);
      assert.equal(res.status, 400);
      const json = (await res.json()) as { message?: string };
      assert.ok(json.message && json.message.length < 200);
    });
  }

  it("rejects an oversize body with 413", async () => {
    const big = JSON.stringify({
      ...messageActivity({ serviceUrl: connector.serviceUrl }),
      text: "x".repeat(400_000),
    });
    const res = await app.postActivity(big);
    assert.equal(res.status, 413);
  });
});

describe("bot welcome on install (Teams sends two events)", () => {
  let app: TestApp;
  let connector: ConnectorRecorder;
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it("welcomes once when Teams sends installationUpdate and conversationUpdate", async () => {
    const base = installActivity({ serviceUrl: connector.serviceUrl, locale: "en-US" });
    await app.postActivity(base);
    await app.postActivity({
      ...base,
      id: "conv-update-1",
      type: "conversationUpdate",
      action: undefined,
      membersAdded: [{ id: (base.recipient as { id: string }).id }],
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(connector.activities().length, 1);
  });
});
