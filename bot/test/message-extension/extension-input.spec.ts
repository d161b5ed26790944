import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Actor } from "../dialogues/conversation-helpers";
import {
  anna,
  ben,
  organiser,
  PUBLIC_URL,
  useExtensionHarness,
  type Extension,
  type ExtensionHarness,
} from "./extension-harness";

/** The extension's texts in every language, and bad or unsigned input answered without a 500. */
describe("message extension through /api/messages (signed tokens): texts and bad input", function () {
  this.timeout(90_000);
  const h = useExtensionHarness();
  const { extension, invoke, post, query, results } = h;
  let app: ExtensionHarness["app"];
  let authority: ExtensionHarness["authority"];
  let connector: ExtensionHarness["connector"];

  before(async () => {
    ({ app, authority, connector } = h);
    // Ben's one dialogue: what his myDialogues search offers when the query counts as empty.
    await h.createDialogue(ben, "Ben's budget dialogue", "2030-05-05");
  });

  it("has every text of the extension in fi, sv and en", () => {
    const keys = (lang: string) => {
      const file = join(__dirname, "../../src/platform/i18n/locales", lang, "messageExtension.json");
      const flat = (o: Record<string, unknown>, prefix = ""): string[] =>
        Object.entries(o).flatMap(([k, v]) =>
          v && typeof v === "object"
            ? flat(v as Record<string, unknown>, `${prefix}${k}.`)
            : [`${prefix}${k}`],
        );
      return flat(JSON.parse(readFileSync(file, "utf8"))).sort();
    };
    assert.ok(keys("fi").length > 10);
    assert.deepEqual(keys("sv"), keys("fi"));
    assert.deepEqual(keys("en"), keys("fi"));
  });

  describe("bad input is answered clearly, never with a 500", () => {
    const cases: [string, Actor, () => unknown, RegExp][] = [
      [
        "control characters",
        organiser,
        () => "Saimaa\u0000\u001b[31m",
        /ohjausmerkkejä\. Kirjoita haku tavallisena tekstinä/,
      ],
      ["10 kB of text", ben, () => "a".repeat(10 * 1024), /too long: at most 200 characters\. Shorten/],
      ["201 characters", anna, () => "ä".repeat(201), /för lång: högst 200 tecken/],
    ];
    for (const [name, actor, text, expected] of cases) {
      it(`${name} in searchDirectory and myDialogues`, async () => {
        for (const command of ["searchDirectory", "myDialogues"]) {
          const ext = await query(actor, command, text());
          assert.equal(ext.type, "message");
          assert.match(String(ext.text), expected);
        }
      });
    }

    it("an unknown command or a malformed invoke value gets a message; a non-text parameter counts as empty", async () => {
      const unknown = await extension(ben, "composeExtension/query", {
        commandId: "dropTables",
        parameters: [],
      });
      assert.match(String(unknown.text), /This search is not known\. Update the Dialogi app/);
      for (const value of ["x", null, [1, 2], { commandId: 7 }]) {
        const ext = await extension(ben, "composeExtension/query", value);
        assert.equal(ext.type, "message");
      }
      const objectParam = await extension(ben, "composeExtension/query", {
        commandId: "myDialogues",
        parameters: [{ name: "query", value: { $ne: 1 } }],
      });
      assert.equal(results(objectParam).length, 1);
    });

    it("without an AAD identity (from.aadObjectId) nothing is offered or unfurled", async () => {
      const anonymous = async (name: string, value: unknown) => {
        const activity = invoke(organiser, name, value) as unknown as { from: Record<string, unknown> };
        delete activity.from.aadObjectId;
        const res = await post(activity);
        assert.equal(res.status, 200);
        return ((await res.json()) as { composeExtension: Extension }).composeExtension;
      };
      const search = await anonymous("composeExtension/query", { commandId: "myDialogues", parameters: [] });
      assert.equal(search.type, "message");
      assert.match(String(search.text), /Teams ei kertonut, kuka hakee/);
      const link = await anonymous("composeExtension/queryLink", { url: `${PUBLIC_URL}/#/org/vm` });
      assert.deepEqual(link.attachments, []);
    });

    it("an unsigned or wrongly signed invoke is refused (401) before any handler runs", async () => {
      const activity = invoke(ben, "composeExtension/query", { commandId: "myDialogues", parameters: [] });
      assert.equal((await app.postActivity(activity)).status, 401);
      const foreign = await authority.mint({ serviceUrl: connector.serviceUrl, foreignKey: true });
      assert.equal((await app.postActivity(activity, foreign)).status, 401);
    });
  });
});
