import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

const I18N = path.resolve(__dirname, "../../tab/src/platform/i18n");

interface Resources {
  config: { names: { facilitator: string } };
  facilitator: { titleUpcoming: string; titleRunning: string; titleEnded: string };
}

const load = (lang: string) => JSON.parse(readFileSync(path.join(I18N, `${lang}.json`), "utf8")) as Resources;

/**
 * The settings page offers the meeting side panel as a view (`config.names.facilitator`, also the
 * tab's suggested name in Teams). The panel shows an upcoming, running or ended dialogue, so the
 * view's name must not name one state ("Running dialogue" before the start misled organisers).
 */
describe("tab settings page: the meeting view's name is state-neutral", () => {
  const expected = {
    fi: "Dialogi tässä kokouksessa",
    sv: "Dialog i detta möte",
    en: "Dialogue in this meeting",
  } as const;

  for (const [lang, name] of Object.entries(expected)) {
    it(`${lang}: "${name}", not a state's title`, () => {
      const r = load(lang);
      assert.equal(r.config.names.facilitator, name);
      const states = [r.facilitator.titleUpcoming, r.facilitator.titleRunning, r.facilitator.titleEnded];
      assert.ok(!states.includes(r.config.names.facilitator), `${lang} names the view after a state`);
    });
  }
});
