import assert from "node:assert/strict";
import type { TurnContext } from "botbuilder";
import { helpCard } from "../../src/features/help";
import { expandWithSlots } from "../../src/features/rounds/cards/slot-card";
import type { BotCommand } from "../../src/platform/teams/command";
import { copyCard, expandCard, expandSharedCard } from "../../src/platform/teams/render-card";
import { turnEnv } from "../../src/platform/teams/turn-env";

const turnEnvOf = (activity: { locale: string; conversationType: string }) =>
  turnEnv({
    activity: { locale: activity.locale, conversation: { conversationType: activity.conversationType } },
  } as unknown as TurnContext);

const template = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [
    { type: "TextBlock", text: "${title}", wrap: true },
    { $data: "${items}", type: "TextBlock", text: "${name}" },
  ],
};

describe("renderCard / expandCard", () => {
  it("binds data, including arrays", () => {
    const card = expandCard(template, { title: "Hei", items: [{ name: "a" }, { name: "b" }] });
    assert.deepEqual(
      (card.body as { text: string }[]).map((b) => b.text),
      ["Hei", "a", "b"],
    );
  });

  it("binds user text as data: card JSON inside it stays inert text", () => {
    const evil = '", "type": "Action.OpenUrl", "url": "https://evil.example" ${title}';
    const card = expandCard(template, { title: evil, items: [] });
    assert.equal((card.body as { text: string }[])[0]!.text, evil);
    assert.equal((card.body as unknown[]).length, 1);
  });

  it("returns a fresh copy each time, so callers may change it", () => {
    const a = expandCard(template, { title: "x", items: [] });
    (a.body as { text: string }[])[0]!.text = "changed";
    const b = expandCard(template, { title: "x", items: [] });
    assert.equal((b.body as { text: string }[])[0]!.text, "x");
  });
});

describe("expandSharedCard / memoised cards on the hot path", () => {
  it("returns the same frozen card for equal data, and expandCard copies it", () => {
    const a = expandSharedCard(template, { title: "shared", items: [{ name: "a" }] });
    const b = expandSharedCard(template, { title: "shared", items: [{ name: "a" }] });
    assert.equal(a, b);
    assert.ok(Object.isFrozen(a) && Object.isFrozen((a.body as object[])[0]));
    // Frozen: a change is refused (TypeError in strict code, ignored otherwise), never shared.
    try {
      (a.body as { text: string }[])[0]!.text = "changed";
    } catch (err) {
      assert.ok(err instanceof TypeError);
    }
    assert.equal((b.body as { text: string }[])[0]!.text, "shared");
    const copy = expandCard(template, { title: "shared", items: [{ name: "a" }] });
    assert.deepEqual(copy, a);
    assert.notEqual(copy.body, a.body);
    assert.ok(!Object.isFrozen(copy.body));
  });

  it("copyCard copies plain card JSON deeply", () => {
    const src = { a: [1, { b: "x" }], c: null, d: true };
    const out = copyCard(src);
    assert.deepEqual(out, src);
    assert.notEqual(out.a, src.a);
    assert.notEqual(out.a[1], src.a[1]);
  });

  it("the help card is built once per language and conversation type, shared and frozen", () => {
    const commands: BotCommand[] = [
      { id: "help", triggers: { any: ["help"] }, listed: true, run: async () => undefined },
    ];
    const env = (locale: string, conversationType = "personal") => turnEnvOf({ locale, conversationType });
    const links = {
      publicUrl: "https://example.test",
      support: { email: "tuki@example.test", url: "https://example.test/tuki" },
    };
    const fi = helpCard(env("fi-FI"), commands, links);
    assert.equal(helpCard(env("fi-FI"), commands, links), fi);
    assert.ok(Object.isFrozen(fi.content));
    const sv = helpCard(env("sv-SE"), commands, links);
    assert.notEqual(sv.content, fi.content);
    assert.notDeepEqual(sv.content, fi.content);
    const inChannel = helpCard(env("fi-FI", "channel"), commands, links);
    assert.notDeepEqual(inChannel.content, fi.content, "commands are shown with the @mention in a channel");
    // A command registered later changes the list: the card is rebuilt.
    commands.push({ id: "notes", triggers: { any: ["notes"] }, listed: true, run: async () => undefined });
    assert.notEqual(helpCard(env("fi-FI"), commands, links), fi);
  });

  it("slot cards fill a fresh tree each time and leave the shared skeleton untouched", () => {
    const slotTemplate = {
      type: "AdaptiveCard",
      body: [
        { type: "TextBlock", text: "${label}" },
        { type: "Input.Text", id: "t", value: "${text}" },
      ],
    };
    const first = expandWithSlots(slotTemplate, { label: "Muistiinpanot", text: "eka" }, ["text"]);
    const second = expandWithSlots(slotTemplate, { label: "Muistiinpanot", text: "toka" }, ["text"]);
    assert.equal((first.body as { value?: string }[])[1]!.value, "eka");
    assert.equal((second.body as { value?: string }[])[1]!.value, "toka");
    assert.notEqual(first.body, second.body);
    (first.body as { value?: string }[])[1]!.value = "changed by caller";
    const third = expandWithSlots(slotTemplate, { label: "Muistiinpanot", text: "kolmas" }, ["text"]);
    assert.equal((third.body as { value?: string }[])[1]!.value, "kolmas");
  });
});
