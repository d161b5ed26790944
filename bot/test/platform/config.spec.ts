import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../src/config";

describe("config", () => {
  const LOCAL = { LOCAL_MODE: "true" };
  const SECRET = { LINK_SIGNING_SECRET: "x".repeat(32) };

  it("defaults to embedded Azurite, port 3978, loopback; local mode has bot auth off, dev sign-in on", () => {
    const c = loadConfig(LOCAL);
    assert.equal(c.port, 3978);
    assert.equal(c.host, "127.0.0.1");
    assert.equal(c.tables.kind, "embeddedAzurite");
    assert.equal(c.bot.authEnabled, false);
    assert.equal(c.devSignIn, true);
  });

  it("uses a connection string or an endpoint instead of Azurite (config, not code)", () => {
    assert.equal(
      loadConfig({ ...LOCAL, TABLES_CONNECTION_STRING: "UseDevelopmentStorage=true" }).tables.kind,
      "connectionString",
    );
    const e = loadConfig({ ...LOCAL, TABLES_ENDPOINT: "https://acct.table.core.windows.net" });
    assert.deepEqual(e.tables, {
      kind: "endpoint",
      endpoint: "https://acct.table.core.windows.net",
      prefix: "",
    });
  });

  it("accepts Teams Toolkit's BOT_ID/BOT_PASSWORD aliases and passes channel-auth overrides through", () => {
    const c = loadConfig({
      ...SECRET,
      BOT_ID: "abc",
      BOT_PASSWORD: "pw",
      ToBotFromChannelTokenIssuer: "https://iss",
    });
    assert.equal(c.bot.MicrosoftAppId, "abc");
    assert.equal(c.bot.MicrosoftAppPassword, "pw");
    assert.equal(c.bot.MicrosoftAppType, "MultiTenant");
    assert.equal(c.bot.ToBotFromChannelTokenIssuer, "https://iss");
    assert.equal(c.bot.authEnabled, true);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ["PORT not a number", { ...LOCAL, PORT: "eighty" }, /PORT/],
    ["PORT out of range", { ...LOCAL, PORT: "70000" }, /PORT/],
    ["unknown app type", { ...LOCAL, MicrosoftAppType: "Whatever" }, /MicrosoftAppType/],
    [
      "bad metadata URL",
      { ...LOCAL, ToBotFromChannelOpenIdMetadataUrl: "not a url" },
      /ToBotFromChannelOpenIdMetadataUrl/,
    ],
    [
      "production without app id",
      { NODE_ENV: "production", TABLES_ENDPOINT: "https://a.table.core.windows.net" },
      /MicrosoftAppId/,
    ],
    [
      "production with dev sign-in",
      {
        ...SECRET,
        NODE_ENV: "production",
        MicrosoftAppId: "x",
        DEV_SIGNIN: "true",
        TABLES_ENDPOINT: "https://a.b",
      },
      /DEV_SIGNIN/,
    ],
    [
      "production on embedded Azurite",
      { ...SECRET, NODE_ENV: "production", MicrosoftAppId: "x" },
      /TABLES_CONNECTION_STRING or TABLES_ENDPOINT/,
    ],
    [
      "single tenant without tenant",
      { MicrosoftAppId: "x", MicrosoftAppType: "SingleTenant" },
      /MicrosoftAppTenantId/,
    ],
    [
      "both table targets",
      { ...LOCAL, TABLES_CONNECTION_STRING: "a", TABLES_ENDPOINT: "https://b.c" },
      /set only one/,
    ],
    ["table prefix with digits", { ...LOCAL, TABLES_PREFIX: "t1" }, /TABLES_PREFIX/],
    ["broken domain rule", { ...LOCAL, MEMBERSHIP_DOMAIN_RULES: "vm.fi" }, /MEMBERSHIP_DOMAIN_RULES/],
    ["search burst of zero", { ...LOCAL, EXTENSION_SEARCH_BURST: "0" }, /EXTENSION_SEARCH_BURST/],
    [
      "search rate not a number",
      { ...LOCAL, EXTENSION_SEARCH_PER_MINUTE: "fast" },
      /EXTENSION_SEARCH_PER_MINUTE/,
    ],
    ["retention shorter than 30 days", { ...LOCAL, DIALOGUE_RETENTION_DAYS: "7" }, /DIALOGUE_RETENTION_DAYS/],
    [
      "retention empty (off must be explicit)",
      { ...LOCAL, DIALOGUE_RETENTION_DAYS: "" },
      /DIALOGUE_RETENTION_DAYS/,
    ],
    ["retention not a number", { ...LOCAL, DIALOGUE_RETENTION_DAYS: "forever" }, /DIALOGUE_RETENTION_DAYS/],
    ["retention in fractions", { ...LOCAL, DIALOGUE_RETENTION_DAYS: "90.5" }, /DIALOGUE_RETENTION_DAYS/],
  ];
  for (const [name, env, pattern] of bad) {
    it(`fails fast naming the variable: ${name}`, () => {
      assert.throws(
        () => loadConfig(env),
        (err: unknown) => err instanceof ConfigError && pattern.test((err as Error).message),
      );
    });
  }

  it("parses coordinator lists and domain rules", () => {
    const c = loadConfig({
      ...LOCAL,
      COORDINATORS: " ID-1 , id-2 ",
      MEMBERSHIP_DOMAIN_RULES: "vm.fi=VM, syke.fi=syke",
    });
    assert.deepEqual(c.coordinators, ["id-1", "id-2"]);
    assert.deepEqual(c.membershipDomainRules, { "vm.fi": "vm", "syke.fi": "syke" });
  });

  it("limits message extension searches per user: 30 at once, then one a second, unless set", () => {
    assert.deepEqual(loadConfig(LOCAL).rateLimits.extensionSearch, { burst: 30, perSecond: 1 });
    const set = loadConfig({ ...LOCAL, EXTENSION_SEARCH_BURST: "5", EXTENSION_SEARCH_PER_MINUTE: "30" });
    assert.deepEqual(set.rateLimits.extensionSearch, { burst: 5, perSecond: 0.5 });
  });

  it("erases dialogues 365 days after their end unless DIALOGUE_RETENTION_DAYS says otherwise; off only when written out", () => {
    assert.equal(loadConfig(LOCAL).dialogueRetentionDays, 365);
    assert.equal(loadConfig({ ...LOCAL, DIALOGUE_RETENTION_DAYS: "90" }).dialogueRetentionDays, 90);
    assert.equal(loadConfig({ ...LOCAL, DIALOGUE_RETENTION_DAYS: "off" }).dialogueRetentionDays, undefined);
  });

  it("never enables dev sign-in in production by default", () => {
    const c = loadConfig({
      ...SECRET,
      NODE_ENV: "production",
      MicrosoftAppId: "x",
      TABLES_ENDPOINT: "https://a.b",
    });
    assert.equal(c.devSignIn, false);
  });
});
