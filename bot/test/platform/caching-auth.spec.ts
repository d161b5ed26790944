import assert from "node:assert/strict";
import { KeyObject } from "node:crypto";
import type { ConnectorClient } from "botframework-connector";
import type { Activity } from "botframework-schema";
import { JwtTokenExtractor } from "botframework-connector/lib/auth/jwtTokenExtractor";
import sinon from "sinon";
import { createAdapter } from "../../src/platform/teams/adapter";
import { KeyCachingOpenIdMetadata } from "../../src/platform/teams/caching-auth";
import { createLogger } from "../../src/logger";
import { messageActivity } from "../../testing/activities";
import { startBotTokenAuthority, TEST_APP_ID, type BotTokenAuthority } from "../../testing/bot-auth";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { listenLocal, type LocalServer } from "../../testing/http-server";
import { StubCredentialsFactory } from "../../testing/outbound-credentials";

describe("platform: adapter caches (connector clients, verification keys)", () => {
  let authority: BotTokenAuthority;
  let connectorA: ConnectorRecorder;
  let connectorB: ConnectorRecorder;

  before(async () => {
    authority = await startBotTokenAuthority();
    connectorA = await startConnectorRecorder();
    connectorB = await startConnectorRecorder();
  });
  after(async () => {
    await connectorA.close();
    await connectorB.close();
    await authority.close();
  });

  const adapterFor = () =>
    createAdapter({
      auth: { authEnabled: true, ...authority.env } as never,
      logger: createLogger("error", () => undefined),
      credentialsFactory: new StubCredentialsFactory(TEST_APP_ID),
    });

  it("reuses one connector client per service URL across turns; every turn is still validated", async () => {
    const adapter = adapterFor();
    const clients: unknown[] = [];
    const userTokenClients: unknown[] = [];
    const turn = async (serviceUrl: string, token: string) => {
      const activity = messageActivity({ serviceUrl, text: "hi" }) as unknown as Activity;
      await adapter.handleActivity(`Bearer ${token}`, activity, async (ctx) => {
        clients.push(ctx.turnState.get<ConnectorClient>(adapter.ConnectorClientKey));
        userTokenClients.push(ctx.turnState.get(adapter.UserTokenClientKey));
        await ctx.sendActivity("ok");
      });
    };
    const tokenA = await authority.mint({ serviceUrl: connectorA.serviceUrl });
    const tokenB = await authority.mint({ serviceUrl: connectorB.serviceUrl });
    await turn(connectorA.serviceUrl, tokenA);
    await turn(connectorA.serviceUrl, tokenA);
    await turn(connectorB.serviceUrl, tokenB);
    assert.equal(clients[0], clients[1], "same service URL: same client");
    assert.notEqual(clients[0], clients[2], "another service URL: another client");
    assert.equal(userTokenClients[0], userTokenClients[2], "one user-token client per app id");
    assert.equal(connectorA.activities().length, 2);
    assert.equal(connectorB.activities().length, 1);
    // A cached client never skips validation: a token signed with an unpublished key is refused.
    const forged = await authority.mint({ serviceUrl: connectorA.serviceUrl, foreignKey: true });
    await assert.rejects(turn(connectorA.serviceUrl, forged));
    assert.equal(connectorA.activities().length, 2);
    // A genuine token for one service URL cannot point the cache (or a reply) at another one.
    const sizeBefore = cachedClients(adapter);
    await assert.rejects(turn(connectorB.serviceUrl, tokenA), /ServiceUrl claim/);
    assert.equal(connectorB.activities().length, 1);
    assert.equal(cachedClients(adapter), sizeBefore, "no client was cached for it");
  });

  it("installs the key cache in botbuilder's metadata map for the configured OpenID URL", () => {
    adapterFor();
    const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> })
      .openIdMetadataCache;
    assert.ok(cache.get(authority.metadataUrl) instanceof KeyCachingOpenIdMetadata);
  });
});

/** How many connector clients the adapter's authentication keeps (its private map, read for the test). */
function cachedClients(adapter: ReturnType<typeof createAdapter>): number {
  const auth = (adapter as unknown as { botFrameworkAuthentication: { clients: Map<string, unknown> } })
    .botFrameworkAuthentication;
  return auth.clients.size;
}

describe("platform: KeyCachingOpenIdMetadata", () => {
  let server: LocalServer;
  let fetches = 0;
  let keys: Record<string, unknown>[] = [];
  let clock: sinon.SinonFakeTimers | undefined;

  before(async () => {
    server = await listenLocal((req, res) => {
      res.setHeader("Content-Type", "application/json");
      if (req.url === "/config") {
        fetches++;
        res.end(JSON.stringify({ jwks_uri: `${server.url}/keys` }));
      } else res.end(JSON.stringify({ keys }));
    });
  });
  after(() => server.close());
  afterEach(() => clock?.restore());

  const rsa = async (kid: string) => {
    const { generateKeyPair, exportJWK } = await import("jose");
    const { publicKey } = await generateKeyPair("RS256", { extractable: true });
    return { ...(await exportJWK(publicKey)), kid, endorsements: ["msteams"] };
  };

  it("fetches once, returns the same key object per key id, null for unknown and non-RSA keys", async () => {
    fetches = 0;
    keys = [await rsa("k1"), { kid: "ec", kty: "EC", crv: "P-256", x: "a", y: "b" }];
    const metadata = new KeyCachingOpenIdMetadata(`${server.url}/config`);
    const [a, b] = await Promise.all([metadata.getKey("k1"), metadata.getKey("k1")]);
    assert.ok(a?.key instanceof KeyObject);
    assert.equal(a.key.asymmetricKeyType, "rsa");
    assert.deepEqual(a.endorsements, ["msteams"]);
    assert.equal(a, b);
    assert.equal(await metadata.getKey("ec"), null);
    assert.equal(fetches, 1, "concurrent first requests share one fetch");
    // An unknown key id refetches at most once an hour (botbuilder's rule).
    assert.equal(await metadata.getKey("k2"), null);
    assert.equal(fetches, 1);
  });

  it("refetches for an unknown key after an hour and after the refresh interval", async () => {
    const start = Date.now();
    clock = sinon.useFakeTimers({ now: start, toFake: ["Date"] });
    fetches = 0;
    keys = [await rsa("k1")];
    const metadata = new KeyCachingOpenIdMetadata(`${server.url}/config`);
    const first = await metadata.getKey("k1");
    keys = [await rsa("k1"), await rsa("k2")];
    clock.setSystemTime(start + 61 * 60 * 1000);
    assert.ok(await metadata.getKey("k2"), "a rotated-in key is found after the hourly refetch");
    assert.equal(fetches, 2);
    const rotated = await metadata.getKey("k1");
    assert.notEqual(rotated, first, "keys are rebuilt from the new key set");
    clock.setSystemTime(start + 26 * 60 * 60 * 1000);
    await metadata.getKey("k1");
    assert.equal(fetches, 3, "keys older than 24 h are refetched first");
  });

  it("a metadata fetch that never answers rejects the request instead of holding every later one", async () => {
    let hang = true;
    const held: import("node:http").ServerResponse[] = [];
    const slow = await listenLocal((req, res) => {
      res.setHeader("Content-Type", "application/json");
      if (hang) return void held.push(res); // accepted, never answered
      if (req.url === "/config") res.end(JSON.stringify({ jwks_uri: `${slow.url}/keys` }));
      else res.end(JSON.stringify({ keys }));
    });
    try {
      keys = [await rsa("k1")];
      const metadata = new KeyCachingOpenIdMetadata(`${slow.url}/config`, 24, 300);
      await assert.rejects(metadata.getKey("k1"), /openID config/);
      hang = false;
      assert.ok(await metadata.getKey("k1"), "the next request fetches again and finds the key");
    } finally {
      for (const res of held) res.destroy();
      await slow.close();
    }
  });

  it("a failed fetch rejects the request", async () => {
    const metadata = new KeyCachingOpenIdMetadata(`${server.url.replace(/:\d+$/, ":1")}/config`);
    await assert.rejects(metadata.getKey("k1"));
  });
});
