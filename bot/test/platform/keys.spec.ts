import assert from "node:assert/strict";
import { decodeKey, encodeKey } from "../../src/platform/tables/keys";

describe("table key encoding", () => {
  const samples = [
    "19:abc@thread.tacv2;messageid=17",
    "a/b\\c#d?e",
    "tab\there\u0001",
    "100%~'quote'",
    "Ääkköset ok",
  ];
  for (const s of samples) {
    it(`round-trips and removes forbidden characters: ${JSON.stringify(s)}`, () => {
      const k = encodeKey(s);
      assert.doesNotMatch(k, /[\u0000-\u001f\u007f-\u009f/\\#?]/);
      assert.equal(decodeKey(k), s);
    });
  }
  it("keeps harmless ids readable", () => assert.equal(encodeKey("vm-entry-1"), "vm-entry-1"));
});
