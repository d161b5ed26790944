import assert from "node:assert/strict";
import { chunkText, joinChunks } from "../../../src/features/rounds/domain/notes";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("notes: chunkText / joinChunks", () => {
  it("short text is one chunk; empty text one empty chunk", () => {
    assert.deepEqual(chunkText("abc"), ["abc"]);
    assert.deepEqual(chunkText(""), [""]);
  });

  it("splits at the limit and joins back", () => {
    const text = "x".repeat(65_000);
    const chunks = chunkText(text);
    assert.deepEqual(
      chunks.map((c) => c.length),
      [30_000, 30_000, 5_000],
    );
    assert.equal(joinChunks(chunks), text);
  });

  it("never splits a surrogate pair, whatever the limit", () => {
    const text = "a" + "😀".repeat(50) + "ä😀b";
    for (let max = 2; max <= 12; max++) {
      const chunks = chunkText(text, max);
      assert.equal(joinChunks(chunks), text);
      for (const c of chunks) {
        assert.ok(c.length <= max && c.length > 0);
        assert.doesNotMatch(c, LONE_SURROGATE, `max ${max}: a chunk cuts a surrogate pair`);
      }
    }
  });

  it("a nonsense limit falls back to something safe", () => {
    assert.equal(joinChunks(chunkText("😀😀", 1)), "😀😀");
    assert.deepEqual(chunkText("abc", Number.NaN), ["abc"]);
  });
});
