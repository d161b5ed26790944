import assert from "node:assert/strict";
import { compileNames, maskNames } from "../../../src/features/rounds/domain/notes";

const names = [
  "Mikko Virtanen",
  "Anna",
  "Pekka Laine",
  "Satu",
  "Erik Johansson",
  "Anna-Liisa Mäkelä",
  "Bo",
  "Joe",
];

describe("notes: maskNames", () => {
  const masked: [string, string][] = [
    ["Mikko sanoi", "[nimi] sanoi"],
    ["MIKKO ja mikko", "[nimi] ja [nimi]"],
    ["Mikon mielestä", "[nimi] mielestä"],
    ["Mikolle annettiin", "[nimi] annettiin"],
    ["Mikkokin tuli", "[nimi] tuli"],
    ["Annan ajatus", "[nimi] ajatus"],
    ["Annalle ja Annaa", "[nimi] ja [nimi]"],
    ["Virtaselle, Virtasta, Virtasen", "[nimi], [nimi], [nimi]"],
    ["Pekan, Pekalle", "[nimi], [nimi]"],
    ["Laineen ja Laineelle", "[nimi] ja [nimi]"],
    ["Sadun idea", "[nimi] idea"],
    ["Erikin ja Erikille, Johanssonin", "[nimi] ja [nimi], [nimi]"],
    ["Anna-Liisan ja Mäkelän", "[nimi] ja [nimi]"],
    ["Joe:n kommentti, Joe's point", "[nimi] kommentti, [nimi] point"],
    ["Mikko-sedän tarina", "[nimi]-sedän tarina"],
  ];
  for (const [input, expected] of masked) {
    it(`masks: ${input}`, () => assert.equal(maskNames(input, names), expected));
  }

  const kept = [
    "Mikkeli on kaupunki", // starts like Mikko's stem but is not a name form
    "mikä ja miko", // a weak stem alone is not a name
    "mikkoja ei ole", // "-ja" is not a case ending we accept
    "Annastiina", // longer name that merely starts with Anna
    "Bo sanoi", // names under three letters are ignored
    "Vuonna 2024 klo 9.30 saimme 10 000 euroa 1.2.2024",
    "Erikoinen ehdotus", // Erik + "oinen" is no ending
  ];
  for (const input of kept) {
    it(`keeps: ${input}`, () => assert.equal(maskNames(input, names), input));
  }

  it("masks e-mail addresses and phone numbers, with language-specific placeholders", () => {
    const text = "Soita 040 123 4567, (09) 123 4567 tai +358 40 1234567, mikko.virtanen@example.fi";
    assert.equal(maskNames(text, names), "Soita [puhelin], [puhelin] tai [puhelin], [sähköposti]");
    assert.equal(maskNames("Mikko: anna@x.org", names, "sv"), "[namn]: [e-post]");
    assert.equal(maskNames("Mikko +358401234567", names, "en"), "[name] [phone]");
  });

  it("accepts a precompiled index and ignores non-strings and empty input", () => {
    const index = compileNames(names);
    assert.equal(maskNames("Pekalle", index), "[nimi]");
    assert.equal(maskNames("", names), "");
    assert.equal(maskNames("Moi", [42 as unknown as string]), "Moi");
  });

  it("is fast enough for a summary: 10,000 names over 100 notes", () => {
    // Letter-only synthetic names: "Kaba", "Kabanen", … (digits never occur in names).
    const word = (i: number) =>
      [...i.toString(26)].map((d) => "abcdefghijklmnopqrstuvwxyz"[parseInt(d, 26)]).join("");
    const many = Array.from({ length: 10_000 }, (_, i) => `Ke${word(i)} Su${word(i)}nen`);
    const index = compileNames(many);
    const note = `Su${word(77)}sen mielestä Ke${word(5)} ja muut puhuivat luottamuksesta. `.repeat(20);
    const started = performance.now();
    for (let i = 0; i < 100; i++) maskNames(note, index);
    assert.ok(performance.now() - started < 1000);
    assert.match(maskNames(note, index), /^\[nimi\] mielestä \[nimi\] ja muut/);
  });
});
