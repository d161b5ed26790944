import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startBotTokenAuthority, TEST_APP_ID, type BotTokenAuthority } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { tracked } from "../reliability/report";

const GROUP = "security/bot-endpoint";

describe("security: bot endpoint tokens beyond the JWT matrix", () => {
  let authority: BotTokenAuthority;
  let connector: ConnectorRecorder;
  let app: TestApp;
  before(async () => {
    authority = await startBotTokenAuthority();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { ...authority.env, LOG_LEVEL: "silent" } });
  });
  after(async () => {
    await app.close();
    await connector.close();
    await authority.close();
  });
  beforeEach(() => connector.reset());

  const activity = () => messageActivity({ serviceUrl: connector.serviceUrl, text: "help", locale: "en-US" });
  const now = () => Math.floor(Date.now() / 1000);

  const rejected: [string, () => Promise<string>][] = [
    [
      "a replayed token captured yesterday (expired a day ago)",
      () =>
        authority.mint({
          serviceUrl: connector.serviceUrl,
          expiresIn: -86_400,
          notBefore: -90_000,
          extraClaims: { iat: now() - 90_000 },
        }),
    ],
    [
      "a token expired just beyond the 5-minute clock skew",
      () => authority.mint({ serviceUrl: connector.serviceUrl, expiresIn: -360 }),
    ],
    [
      "a token for another bot (its app id as audience)",
      () => authority.mint({ serviceUrl: connector.serviceUrl, aud: "99999999-8888-7777-6666-555555555555" }),
    ],
    [
      "a token whose audience is our app id with a suffix",
      () => authority.mint({ serviceUrl: connector.serviceUrl, aud: `${TEST_APP_ID}x` }),
    ],
  ];
  for (const [name, token] of rejected) {
    it(
      `401 for ${name}; nothing is sent`,
      tracked(GROUP, async () => {
        const res = await app.postActivity(activity(), await token());
        assert.equal(res.status, 401);
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(connector.activities().length, 0);
      }),
    );
  }

  it(
    "answers an oversized Authorization header (64 KB) with 4xx, never 500, and keeps serving",
    tracked(GROUP, async () => {
      const token = await authority.mint({ serviceUrl: connector.serviceUrl });
      for (const size of [64 * 1024, 15 * 1024]) {
        const res = await fetch(`${app.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${"A".repeat(size)}` },
          body: JSON.stringify(activity()),
        }).catch((err: Error) => ({ status: `closed: ${err.message}` }));
        assert.ok([400, 401, 431].includes(res.status as number), `size ${size}: ${res.status}`);
      }
      const ok = await app.postActivity(activity(), token);
      assert.equal(ok.status, 200);
    }),
  );
});
