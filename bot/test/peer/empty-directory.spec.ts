import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, textOf, valid, type Actor } from "../dialogues/conversation-helpers";

/**
 * Issue #27 item 5: in a tenant whose directory is empty (the Agents Playground's default one),
 * the peer-dialogue form says why its organisation lists are empty and what to do (fi/sv/en).
 */
describe("peer-dialogue form with an empty directory", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  const coordinator: Actor = {
    userId: "aad-empty-coordinator",
    userName: "Kaija Koordinaattori",
    locale: "fi-FI",
  };

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { COORDINATORS: coordinator.userId, LOG_LEVEL: "error" } });
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  for (const [locale, command, says] of [
    ["fi-FI", "vertaisdialogi", /hakemistossa ei ole vielä organisaatioita.*Koordinaattori lisää ne/s],
    ["sv-FI", "kamratdialog", /har ännu inga organisationer.*En koordinator lägger till dem/s],
    ["en-US", "peer dialogue", /directory has no organisations yet.*A coordinator adds them/s],
  ] as const) {
    it(`explains the empty organisation lists (${locale})`, async () => {
      const bot = driver(app, connector);
      const [reply] = await bot.say({ ...coordinator, locale }, command);
      const text = textOf(valid(cardOf(reply)));
      assert.match(text, says);
    });
  }
});
