import assert from "node:assert/strict";
describe("smoke", () => {
  it("adds", () => assert.equal(1 + 1, 2));
});
