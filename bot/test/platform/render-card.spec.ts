import assert from "node:assert/strict";
import { expandCard } from "../../src/platform/teams/render-card";

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
