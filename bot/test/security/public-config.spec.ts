import assert from "node:assert/strict";
import { ConfigError, loadConfig } from "../../src/config";

/**
 * Issue #26 item 8: outside local mode public registration starts only fully configured — a real
 * sender through Graph, a stable secret, the links' address, and the operator's statement that
 * Mail.Send is confined to the sender mailbox — and start-up refuses each unsafe configuration,
 * naming the variable. The same holds without NODE_ENV=production (a test or staging slot).
 */
describe("security: public registration's configuration fails closed", () => {
  const SENDER = "dialogi@example.fi";
  const complete = {
    MicrosoftAppId: "app",
    LINK_SIGNING_SECRET: "0123456789abcdef0123456789abcdef",
    TABLES_ENDPOINT: "https://tables.example",
    PUBLIC_REGISTRATION: "true",
    MAIL_SENDER: SENDER,
    PUBLIC_URL: "https://dialogi.example.fi",
    PUBLIC_REGISTRATION_SECRET: "p".repeat(40),
    GRAPH_TENANT_ID: "tenant",
    GRAPH_CLIENT_ID: "client",
    GRAPH_CLIENT_SECRET: "secret",
    MAIL_SEND_RESTRICTED_TO: SENDER,
  };
  const without = (env: Record<string, string>, ...names: string[]) =>
    Object.fromEntries(Object.entries(env).filter(([k]) => !names.includes(k)));

  for (const NODE_ENV of ["production", "development", "test"]) {
    describe(`NODE_ENV=${NODE_ENV}, not local mode`, () => {
      const base = { ...complete, NODE_ENV };
      const refuses = (env: Record<string, string>, variable: RegExp) =>
        assert.throws(
          () => loadConfig(env),
          (err: unknown) => err instanceof ConfigError && variable.test((err as Error).message),
          `expected ${variable} for ${JSON.stringify(env)}`,
        );

      it("starts with the complete configuration: Graph sender, stable secret", () => {
        const c = loadConfig(base);
        assert.equal(c.publicRegistration.enabled, true);
        assert.equal(c.publicRegistration.sender, SENDER);
        assert.equal(c.publicRegistration.secret, "p".repeat(40));
        // The secret is the configured one on every start (no per-process fallback).
        assert.equal(loadConfig(base).publicRegistration.secret, c.publicRegistration.secret);
      });

      it("refuses without a sender (no outbox on disk outside local mode)", () =>
        refuses(without(base, "MAIL_SENDER", "MAIL_SEND_RESTRICTED_TO"), /^MAIL_SENDER: required/));

      it("refuses without PUBLIC_REGISTRATION_SECRET (no per-process random secret)", () =>
        refuses(
          without(base, "PUBLIC_REGISTRATION_SECRET"),
          /^PUBLIC_REGISTRATION_SECRET: required.*restarts/,
        ));

      it("refuses a short PUBLIC_REGISTRATION_SECRET", () =>
        refuses({ ...base, PUBLIC_REGISTRATION_SECRET: "short" }, /PUBLIC_REGISTRATION_SECRET/));

      it("refuses without PUBLIC_URL (links in the mails)", () =>
        refuses(without(base, "PUBLIC_URL"), /^PUBLIC_URL: required/));

      it("refuses without Microsoft Graph (a sender that cannot send would fall back to disk)", () =>
        refuses(
          without(base, "GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET"),
          /^GRAPH_CREDENTIAL:.*Graph/,
        ));

      it("refuses until the operator states the Mail.Send access policy for this very sender", () => {
        refuses(
          without(base, "MAIL_SEND_RESTRICTED_TO"),
          /^MAIL_SEND_RESTRICTED_TO:.*access policy.*docs\/deploy\.md/,
        );
        refuses({ ...base, MAIL_SEND_RESTRICTED_TO: "old-sender@example.fi" }, /^MAIL_SEND_RESTRICTED_TO/);
        assert.equal(
          loadConfig({ ...base, MAIL_SEND_RESTRICTED_TO: "Dialogi@Example.FI" }).publicRegistration.enabled,
          true,
        );
      });

      it("a sender alone (PUBLIC_REGISTRATION unset) turns it on, with the same checks", () =>
        refuses(
          without(base, "PUBLIC_REGISTRATION", "PUBLIC_REGISTRATION_SECRET"),
          /^PUBLIC_REGISTRATION_SECRET/,
        ));

      it("without a sender and without asking, public registration is simply off", () => {
        const off = without(
          base,
          "PUBLIC_REGISTRATION",
          "MAIL_SENDER",
          "MAIL_SEND_RESTRICTED_TO",
          "PUBLIC_REGISTRATION_SECRET",
        );
        assert.equal(loadConfig(off).publicRegistration.enabled, false);
      });
    });
  }

  it("local mode keeps the outbox and a development secret (nothing leaves the machine)", () => {
    const c = loadConfig({ LOCAL_MODE: "true" });
    assert.equal(c.publicRegistration.enabled, true);
    assert.equal(c.publicRegistration.sender, undefined);
  });
});
