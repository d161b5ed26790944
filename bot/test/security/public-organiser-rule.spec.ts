import assert from "node:assert/strict";
import { validateDialogueForm } from "../../src/features/dialogues/domain/dialogue-form";
import { PUBLIC_DIALOGUE_FORM } from "../public-registration/public-dialogue-form";

const form = PUBLIC_DIALOGUE_FORM;
const options = { now: new Date("2030-01-01"), lang: "fi" as const, publicAllowed: true };
const org = { id: "om", name: "Oikeusministeriö" };

/**
 * The rule "open to everyone needs an organiser organisation" (the public page names it as the
 * controller of registrants' data) against inputs that look like a name but name nobody: invisible
 * and formatting characters, punctuation only, and confused directory choices.
 */
describe("security: a public dialogue's organiser organisation cannot be blank in disguise", () => {
  const refusedFor = (
    extra: Record<string, unknown>,
    opts: Parameters<typeof validateDialogueForm>[1] = options,
  ) => {
    const r = validateDialogueForm({ ...form, ...extra }, opts);
    return !r.ok && r.errors.some((e) => e.field === "organisers" && e.key === "publicNeedsOrganiser");
  };

  it("invisible, formatting and punctuation-only names are refused with the reason by the field", () => {
    for (const organisers of [
      "",
      "   ",
      "\u200b",
      "\u200c\u200d",
      "\u2060",
      "\u00ad",
      "\u180e",
      "\u3164",
      "\u115f\u1160",
      "\u2800",
      "\ufeff",
      "\u202e\u202c",
      "\u00a0\u2003",
      "-",
      "...",
      "—",
      "\u0000\u0001",
    ])
      assert.ok(refusedFor({ organisers }), `accepted ${JSON.stringify(organisers)}`);
  });

  it("names that are not strings, or unknown directory choices, do not stand in for one", () => {
    for (const organisers of [["Oikeusministeriö"], { fi: "Oikeusministeriö" }, 42, true])
      assert.ok(refusedFor({ organisers }), `accepted ${JSON.stringify(organisers)}`);
    const unknown = validateDialogueForm(
      { ...form, coOrganisations: "nobody" },
      { ...options, organisations: [org] },
    );
    assert.ok(!unknown.ok, "an unknown directory organisation named the controller");
  });

  it("a real name (any script, with digits) or a directory organisation is accepted", () => {
    for (const organisers of ["Oikeusministeriö", "Åbo stad", "Kela", "4H-liitto", "東京都", "  Kela  "])
      assert.ok(validateDialogueForm({ ...form, organisers }, options).ok, organisers);
    assert.ok(
      validateDialogueForm({ ...form, coOrganisations: "om" }, { ...options, organisations: [org] }).ok,
    );
  });
});
