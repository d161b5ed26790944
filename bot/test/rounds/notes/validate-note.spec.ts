import assert from "node:assert/strict";
import { MAX_NOTE_TEXT, validateNoteInput } from "../../../src/features/rounds/domain/notes";

describe("notes: validateNoteInput", () => {
  it("normalises: trims, NFC, strips control and zero-width characters, keeps \\n and \\t", () => {
    const r = validateNoteInput({
      text: "  A\u0301la\u200B\u0007 ja\tB\r\nrivi\u202E  ",
      themes: ["  luottamus ", "Luottamus", "", "avoin\n  hallinto"],
      insights: " oivallus\u0000 ",
    });
    assert.deepEqual(r, {
      ok: true,
      value: { text: "Ála ja\tB\nrivi", themes: ["luottamus", "avoin hallinto"], insights: "oivallus" },
    });
    assert.ok(r.ok && r.value.text.startsWith("\u00C1"), "NFC composes A + combining acute");
  });

  it("text is required and at most 20,000 characters", () => {
    assert.deepEqual(validateNoteInput({ text: " \u200B ", themes: [] }), {
      ok: false,
      errors: { text: { code: "required" } },
    });
    assert.equal(validateNoteInput({ text: "x".repeat(MAX_NOTE_TEXT), themes: [] }).ok, true);
    assert.deepEqual(validateNoteInput({ text: "x".repeat(MAX_NOTE_TEXT + 1), themes: [] }), {
      ok: false,
      errors: { text: { code: "tooLong", limit: 20_000 } },
    });
    // Characters, not UTF-16 units: 20,000 emoji are fine.
    assert.equal(validateNoteInput({ text: "😀".repeat(MAX_NOTE_TEXT), themes: [] }).ok, true);
  });

  it("at most 20 themes of at most 60 characters", () => {
    const many = Array.from({ length: 21 }, (_, i) => `teema ${i}`);
    assert.deepEqual(validateNoteInput({ text: "x", themes: many }), {
      ok: false,
      errors: { themes: { code: "tooMany", limit: 20 } },
    });
    assert.equal(validateNoteInput({ text: "x", themes: many.slice(0, 20) }).ok, true);
    assert.deepEqual(validateNoteInput({ text: "x", themes: ["ok", "y".repeat(61)] }), {
      ok: false,
      errors: { themes: { code: "tooLong", limit: 60, index: 1 } },
    });
  });

  it("wrong types are errors, not exceptions", () => {
    assert.deepEqual(validateNoteInput({ text: 5, themes: "a", insights: [] }), {
      ok: false,
      errors: {
        text: { code: "invalidType" },
        themes: { code: "invalidType" },
        insights: { code: "invalidType" },
      },
    });
    assert.deepEqual(validateNoteInput(undefined), { ok: false, errors: { text: { code: "required" } } });
  });

  it("a lone surrogate becomes the replacement character (storable text)", () => {
    const r = validateNoteInput({ text: "a\uD800b", themes: [] });
    assert.deepEqual(r, { ok: true, value: { text: "a\uFFFDb", themes: [], insights: "" } });
  });
});
