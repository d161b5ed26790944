import assert from "node:assert/strict";
import { messageActivity } from "../../testing/activities";
import { startTestApp, type TestApp } from "../../testing/app";
import { startBotTokenAuthority, type BotTokenAuthority, type MintOptions } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { TEST_OUTBOUND_TOKEN } from "../../testing/outbound-credentials";

describe("bot endpoint JWT validation (local OpenID metadata + JWKS)", () => {
  let authority: BotTokenAuthority;
  let connector: ConnectorRecorder;
  let app: TestApp;
  before(async () => {
    authority = await startBotTokenAuthority();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: authority.env });
  });
  after(async () => {
    await app.close();
    await connector.close();
    await authority.close();
  });
  beforeEach(() => connector.reset());

  const activity = () => messageActivity({ serviceUrl: connector.serviceUrl, text: "help", locale: "en-US" });

  it("accepts a valid channel token, replies with an outbound token", async () => {
    const token = await authority.mint({ serviceUrl: connector.serviceUrl });
    const res = await app.postActivity(activity(), token);
    assert.equal(res.status, 200);
    await connector.waitForActivities(1);
    assert.equal(connector.calls[0]!.authorization, `Bearer ${TEST_OUTBOUND_TOKEN}`);
  });

  it("401 without an Authorization header, and nothing is sent", async () => {
    const res = await app.postActivity(activity());
    assert.equal(res.status, 401);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(connector.activities().length, 0);
  });

  const matrix: [string, (serviceUrl: string) => MintOptions | string][] = [
    ["wrong audience", (s) => ({ serviceUrl: s, aud: "another-bot-id" })],
    ["wrong issuer", (s) => ({ serviceUrl: s, iss: "https://evil.example" })],
    ["expired", (s) => ({ serviceUrl: s, expiresIn: -600 })],
    ["not yet valid", (s) => ({ serviceUrl: s, notBefore: 3600 })],
    ["unknown kid", (s) => ({ serviceUrl: s, kid: "no-such-key" })],
    ["bad signature (foreign key, known kid)", (s) => ({ serviceUrl: s, foreignKey: true })],
    ["serviceUrl claim mismatch", () => ({ serviceUrl: "https://other.example/" })],
    ["garbage", () => "not.a.jwt"],
    ["unsigned (alg none)", () => "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJhdWQiOiIxIn0."],
  ];
  for (const [name, make] of matrix) {
    it(`401 for ${name}, never 500`, async () => {
      const spec = make(connector.serviceUrl);
      const token = typeof spec === "string" ? spec : await authority.mint(spec);
      const res = await app.postActivity(activity(), token);
      assert.equal(res.status, 401);
      assert.equal(connector.activities().length, 0);
    });
  }

  it("401 for a non-Bearer scheme", async () => {
    const token = await authority.mint({ serviceUrl: connector.serviceUrl });
    const res = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${token}` },
      body: JSON.stringify(activity()),
    });
    assert.equal(res.status, 401);
  });
});
