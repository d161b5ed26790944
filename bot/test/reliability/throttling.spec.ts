import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { driver } from "../dialogues/conversation-helpers";
import { tracked } from "./report";

const USERS = 20;

describe("faults: the Teams connector throttles (429 with Retry-After)", function () {
  this.timeout(30_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  const users = Array.from({ length: USERS }, (_, n) => `aad-throttled-${n}`);
  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { LOG_LEVEL: "warn" } });
    const bot = driver(app, connector);
    for (const userId of users) await bot.say({ userId, userName: "T", locale: "en-US" }, "help");
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  it(
    "proactive sends back off (honouring Retry-After) and every activity is delivered once",
    tracked("faults", async () => {
      connector.reset();
      // Six throttled answers, then two server errors, before the connector accepts again.
      connector.failNext({ status: 429, times: 6, retryAfterSeconds: 1 });
      connector.failNext({ status: 502, times: 2 });
      const started = Date.now();
      const result = await app.app.messenger.sendToMany(users, (userId) => ({
        type: "message",
        text: `Reminder for ${userId}`,
      }));
      const ms = Date.now() - started;
      const delivered = connector.activities().map((a) => String(a.text));
      assert.equal(delivered.length, USERS, JSON.stringify(result));
      assert.deepEqual(new Set(delivered), new Set(users.map((u) => `Reminder for ${u}`)), "each user once");
      assert.ok(ms >= 1000, `waited for Retry-After (took ${ms} ms)`);
      return `throttling: ${USERS}/${USERS} delivered after 6×429 + 2×502 in ${ms} ms`;
    }),
  );
});
