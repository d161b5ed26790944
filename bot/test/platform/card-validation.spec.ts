import assert from "node:assert/strict";
import { adaptiveCardProblems } from "../../testing/card-validation";

describe("Adaptive Card validation helper", () => {
  it("flags duplicate ids and inputs without labels, so card tests can fail", () => {
    const card = {
      type: "AdaptiveCard",
      version: "1.5",
      body: [
        { type: "Input.Text", id: "a" },
        { type: "Input.Text", id: "a", label: "A" },
      ],
    };
    const problems = adaptiveCardProblems(card);
    assert.ok(
      problems.some((p) => /duplicate/i.test(p)),
      problems.join("; "),
    );
    assert.ok(
      problems.some((p) => /label/i.test(p)),
      problems.join("; "),
    );
  });
  it("accepts a minimal valid card", () => {
    assert.deepEqual(
      adaptiveCardProblems({
        type: "AdaptiveCard",
        version: "1.5",
        body: [{ type: "TextBlock", text: "x" }],
      }),
      [],
    );
  });
});
