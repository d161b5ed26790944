import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../../src/config";
import { createGraphCredential } from "../../../src/platform/graph/credential";
import { createGraphClient, graphFailure } from "../../../src/platform/graph/graph-client";
import { startGraphEmulator, type GraphEmulator } from "../../../testing/graph-emulator";

describe("platform/graph: the Graph client against the emulator", function () {
  this.timeout(20_000);
  let graph: GraphEmulator;
  beforeEach(async () => {
    graph = await startGraphEmulator();
  });
  afterEach(() => graph.close());

  const clientFor = (env: Record<string, string>) => {
    const config = loadConfig({ LOCAL_MODE: "true", ...env }).graph;
    assert.ok(config, "graph configured");
    return createGraphClient({
      endpoint: config.endpoint,
      credential: createGraphCredential(config.credential),
    });
  };

  it("sends the managed identity's Bearer token over plain http to GRAPH_ENDPOINT, fetching it once", async () => {
    const client = clientFor(graph.env);
    const me = (await client.api("/users/aad-olli").select("mail,userPrincipalName").get()) as {
      mail: string;
    };
    assert.equal(me.mail, graph.mailOf("aad-olli"));
    await client.api("/users/aad-anna").select("id").get();
    assert.equal(graph.tokensIssued, 1, "the token is cached");
    assert.deepEqual(
      graph.calls.map((c) => c.status),
      [200, 200],
    );
  });

  it("a request without a valid token is refused (401), and classified as forbidden", async () => {
    const client = clientFor({ ...graph.env, IDENTITY_HEADER: "wrong" });
    await assert.rejects(client.api("/users/aad-olli").select("id").get(), (err) => {
      // The token endpoint refuses the wrong header, so no request reaches Graph.
      assert.match(String(err), /managed identity: token endpoint answered 401/);
      return true;
    });
    assert.equal(graph.calls.length, 0);
  });

  it("retries 429 with Retry-After and then succeeds", async () => {
    graph.options.throttleEvery = 2;
    const client = clientFor(graph.env);
    for (const id of ["a", "b", "c"]) await client.api(`/users/${id}`).select("id").get();
    assert.ok(graph.throttled >= 1, "the emulator throttled");
    assert.equal(graph.calls.filter((c) => c.status === 200).length, 3);
  });

  it("classifies 403 as forbidden and 500 as unavailable", async () => {
    const client = clientFor(graph.env);
    graph.options.forbidden = true;
    await assert.rejects(
      client.api("/users/a").select("id").get(),
      (err) => graphFailure(err) === "forbidden",
    );
    graph.options.forbidden = false;
    graph.options.down = true;
    await assert.rejects(
      client.api("/users/a").select("id").get(),
      (err) => graphFailure(err) === "unavailable",
    );
  });

  it("records contract violations (unknown time zone, bad attendee) as 400", async () => {
    const client = clientFor(graph.env);
    const event = {
      subject: "x",
      start: { dateTime: "2030-03-25T09:00:00", timeZone: "Helsinki" },
      end: { dateTime: "2030-03-25T11:00:00", timeZone: "Europe/Helsinki" },
      attendees: [{ emailAddress: "a@b.fi" }],
    };
    await assert.rejects(client.api("/users/o/events").post(event), (err) => graphFailure(err) === "invalid");
    assert.match(graph.violations.join("\n"), /start\.timeZone/);
  });
});

describe("config: Microsoft Graph", () => {
  it("is off unless a credential is configured", () => {
    assert.equal(loadConfig({ LOCAL_MODE: "true" }).graph, undefined);
    assert.equal(
      loadConfig({ LOCAL_MODE: "true", GRAPH_ENDPOINT: "https://graph.microsoft.com" }).graph,
      undefined,
    );
    assert.equal(
      loadConfig({
        LOCAL_MODE: "true",
        GRAPH_CREDENTIAL: "off",
        IDENTITY_ENDPOINT: "http://x",
        IDENTITY_HEADER: "h",
      }).graph,
      undefined,
    );
  });

  it("uses App Service's managed identity variables, passing them on explicitly", () => {
    const g = loadConfig({
      LOCAL_MODE: "true",
      IDENTITY_ENDPOINT: "http://127.0.0.1:41/msi/token",
      IDENTITY_HEADER: "h",
    }).graph;
    assert.equal(g?.endpoint, "https://graph.microsoft.com");
    assert.deepEqual(g?.credential, {
      kind: "managedIdentity",
      endpoint: "http://127.0.0.1:41/msi/token",
      header: "h",
      clientId: undefined,
    });
  });

  it("a client secret needs tenant and client id; the authority host defaults to the public cloud", () => {
    assert.throws(
      () => loadConfig({ LOCAL_MODE: "true", GRAPH_CLIENT_SECRET: "s" }),
      (e) => e instanceof ConfigError && /GRAPH_TENANT_ID/.test(e.message),
    );
    const g = loadConfig({
      LOCAL_MODE: "true",
      GRAPH_CLIENT_SECRET: "s",
      GRAPH_TENANT_ID: "t",
      GRAPH_CLIENT_ID: "c",
    }).graph;
    assert.equal(g?.credential.kind, "clientSecret");
    assert.equal(
      (g?.credential as { authorityHost: string }).authorityHost,
      "https://login.microsoftonline.com",
    );
  });

  it("refuses a plain-http GRAPH_ENDPOINT in production", () => {
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV: "production",
          MicrosoftAppId: "app",
          LINK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
          TABLES_ENDPOINT: "https://a.table.core.windows.net",
          GRAPH_ENDPOINT: "http://127.0.0.1:1",
          IDENTITY_ENDPOINT: "http://127.0.0.1:2",
          IDENTITY_HEADER: "h",
        }),
      /GRAPH_ENDPOINT: must be https/,
    );
  });
});
