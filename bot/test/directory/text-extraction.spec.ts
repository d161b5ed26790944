import assert from "node:assert/strict";
import { findEventCount } from "../../src/features/directory/domain/listing/event-count";
import { findPartners, findPlaces } from "../../src/features/directory/domain/listing/gazetteer";
import { findTime } from "../../src/features/directory/domain/listing/time-parse";

describe("time expressions in listing text", () => {
  const cases: [string, string | undefined, number?, string?, string?][] = [
    ["Elo-syyskuu 2020, viisi keskusteluiltaa", "Elo-syyskuu 2020", 2020, "2020-08-01", "2020-09-30"],
    ["järjestämänä, 26.4.-11.6.2021. Keskusteltiin", "26.4.-11.6.2021", 2021, "2021-04-26", "2021-06-11"],
    [
      "Suomea, syksystä 2020 kevääseen 2021.",
      "syksystä 2020 kevääseen 2021",
      2020,
      "2020-09-01",
      "2021-05-31",
    ],
    ["dialogit 4/2020-5/2021 (11 päivää)", "4/2020-5/2021", 2020, "2020-04-01", "2021-05-31"],
    ["korona-aikana, kevät 2021", "kevät 2021", 2021, "2021-03-01", "2021-05-31"],
    ["Maaliskuu 2020, Utsjoki.", "Maaliskuu 2020", 2020, "2020-03-01", "2020-03-31"],
    ["kehittäminen vuosina 2022-2024 osana hanketta", "2022-2024", 2022, "2022-01-01", "2024-12-31"],
    ["keväällä 2021 keskipitkän aikavälin", "keväällä 2021", 2021, "2021-03-01", "2021-05-31"],
    ["helmikuussa 2024 Helsingissä", "helmikuussa 2024", 2024, "2024-02-01", "2024-02-29"],
    ["tilaisuus 8.6.2021 Teamsissa", "8.6.2021", 2021, "2021-06-08", "2021-06-08"],
    // The programme's name is not the dialogue's year; the last bare year is.
    ["demokratiaohjelmaa 2025, … 12 keskustelua, 2020.", "2020", 2020, "2020-01-01", "2020-12-31"],
    ["Ilmasto-opas 2.0:n kehittäminen", undefined],
    ["31.2.2021 ei ole päivä", undefined],
    ["ensi syksynä", undefined],
  ];
  for (const [text, matched, year, start, end] of cases) {
    it(`"${text}" → ${matched ?? "nothing"}`, () => {
      const t = findTime(text);
      if (matched === undefined) return assert.equal(t, undefined);
      assert.deepEqual(t, { text: matched, year, start, end });
    });
  }
});

describe("event counts", () => {
  const cases: [string, number | undefined][] = [
    ["8 tilaisuutta, useita ryhmiä per tilaisuus", 8],
    ["tasa-arvo (4 tilaisuutta) ja osaamisen tasa-arvo (1 tilaisuus)", 5],
    ["12 keskustelua Erätauko-säätiön kanssa", 12],
    ["50 dialogia Suomen tulevaisuudesta", 50],
    ["viisi keskusteluiltaa eri puolella Etelä-Savoa", 5],
    ["(11 keskustelupäivää päivää, 1-2 ryhmää per kerta)", 11],
    ["Demokratiapäivä 2020 (useita ryhmiä)", undefined],
  ];
  for (const [text, n] of cases) {
    it(`"${text}" → ${n}`, () => assert.equal(findEventCount(text), n));
  }
});

describe("places and partners gazetteer", () => {
  it("finds inflected place names", () => {
    assert.deepEqual(findPlaces("Hyvinkään ja Turun kaavoittajien kanssa"), ["Hyvinkää", "Turku"]);
    assert.deepEqual(findPlaces("tilaisuuksissa pääasiassa ympäri Uuttamaata"), ["Uusimaa"]);
    assert.deepEqual(findPlaces("Saimaannorpan suojelu"), []); // a compound is not the place itself
  });
  it("finds partner organisations", () => {
    assert.deepEqual(findPartners("Erätauko-säätiön, eri ministeriöiden ja järjestöjen kanssa"), [
      "Erätauko-säätiö",
    ]);
  });
});
