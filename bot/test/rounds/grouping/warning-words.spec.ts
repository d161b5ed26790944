import assert from "node:assert/strict";
import { formGroups, type Registrant } from "../../../src/features/rounds/domain/grouping";
import { describePlan } from "../../../src/features/rounds/services/plan";

const person = (i: number, attendance: string, language = "fi"): Registrant => ({
  id: `p${i}`,
  firstName: `P${i}`,
  attributes: { language, attendance, org: `org${i % 3}`, background: `bg${i % 2}` },
});

/**
 * The walkthrough's hybrid dialogue (issue #27 item 9): eight people on site and two remote, all
 * speaking Finnish. The controls' warnings are in words, true, and each said once.
 */
describe("group warnings in words, only when true, once (fi/sv/en)", () => {
  const people = [
    ...Array.from({ length: 8 }, (_, i) => person(i + 1, "onSite")),
    person(9, "remote"),
    person(10, "remote"),
  ];
  const { plan, warnings } = formGroups(people, {
    rounds: 2,
    seed: 4,
    minSize: 4,
    maxSize: 7,
    policies: { attendance: "cluster" },
  });

  for (const [lang, remoteFi, onSiteFi, mixed, wrongLanguage] of [
    [
      "en",
      "remote, Finnish",
      "on site, Finnish",
      /on-site and remote people are together/,
      /another language|different languages/,
    ],
    ["fi", "etänä, suomi", "paikan päällä, suomi", /paikan päällä ja etänä osallistuvia/, /eri kiel/],
    ["sv", "på distans, finska", "på plats, finska", /på plats och på distans/, /annat språk|olika språk/],
  ] as const) {
    it(`names the clusters in words and says what is true of the mix (${lang})`, () => {
      const shown = describePlan(lang, plan, [...warnings, ...warnings], 1).warnings;
      const text = shown.join("\n");
      assert.ok(text.includes(`“${remoteFi}”`) || text.includes(`”${remoteFi}”`), text);
      assert.ok(text.includes(onSiteFi), text);
      assert.doesNotMatch(text, /remote\/fi|onsite\/fi|\w\/\w/, "no internal codes");
      assert.match(text, mixed);
      assert.doesNotMatch(text, wrongLanguage, "everyone speaks Finnish");
      assert.equal(new Set(shown).size, shown.length, `each warning once: ${text}`);
    });
  }
});

/** The second walkthrough: "Pairs meeting again 6 (18,8 %)" on an English card. */
describe("quality figures: the share of pairs meeting again in the reader's number format", () => {
  // Two rounds of nine in two groups: some pairs must meet again, a share with a decimal.
  const people = Array.from({ length: 9 }, (_, i) => person(i + 1, "remote"));
  const { plan } = formGroups(people, { rounds: 2, seed: 7, minSize: 4, maxSize: 5 });
  const repeats = (lang: "fi" | "sv" | "en") =>
    describePlan(lang, plan, [], 2)
      .quality.at(-2)!
      .value.match(/\((.*) %\)$/)?.[1] ?? "";

  it("writes a decimal point in English and a decimal comma in Finnish and Swedish", () => {
    const en = repeats("en");
    assert.match(en, /^\d+\.\d$/, `English: ${en}`);
    assert.equal(repeats("fi"), en.replace(".", ","));
    assert.equal(repeats("sv"), en.replace(".", ","));
  });
});
