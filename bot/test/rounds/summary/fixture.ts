import type { SummaryInput } from "../../../src/features/rounds/domain/summary";

/** Names in the fixture; none of them may appear in any rendering. */
export const NAMES = [
  "Mikko",
  "Virtanen",
  "Anna",
  "Korhonen",
  "Liisa",
  "Nieminen",
  "Jussi",
  "Lahtinen",
  "Sirpa",
  "Hämäläinen",
];

/** A small dialogue: 5 registrants (4 took part), 2 rounds, notes mentioning people by name. */
export function fixture(): SummaryInput {
  return {
    dialogue: {
      title: "Luottamus hallintoon – Mikon vetämä dialogi",
      language: "fi",
      date: new Date("2024-03-25T07:00:00Z"),
      groundRulesVersion: "current4",
    },
    registrants: [
      {
        id: "u1",
        firstName: "Mikko",
        lastName: "Virtanen",
        attributes: { org: "Valtiovarainministeriö", language: "fi" },
      },
      {
        id: "u2",
        firstName: "Anna",
        lastName: "Korhonen",
        attributes: { org: "valtiovarainministeriö ", language: "fi" },
      },
      { id: "u3", firstName: "Liisa", lastName: "Nieminen", attributes: { org: "Kela", language: "sv" } },
      {
        id: "u4",
        firstName: "Jussi",
        lastName: "Lahtinen",
        displayName: "Jussi L.",
        attributes: { language: "fi" },
      },
      { id: "u5", firstName: "Sirpa", lastName: "Hämäläinen", attributes: { org: "Sitra", language: "en" } },
    ],
    rounds: [
      {
        index: 1,
        title: "Omat kokemukset",
        groups: [
          { number: 1, memberIds: ["u1", "u2"] },
          { number: 2, memberIds: ["u3", "u4"] },
        ],
      },
      {
        index: 2,
        title: "Syvennetään",
        groups: [
          { number: 1, memberIds: ["u1", "u3"] },
          { number: 2, memberIds: ["u2", "u4"] },
        ],
      },
    ],
    notes: [
      {
        round: 1,
        group: 1,
        text: "Mikon mielestä luottamus syntyy avoimuudesta.\nAnnalle tärkeintä oli kuulluksi tuleminen.",
        themes: ["Luottamus", "avoimuus"],
        insights: "Virtasen ehdotus: soita 040 123 4567 tai mikko.virtanen@example.fi",
        savedAt: "2024-03-25T07:40:00Z",
      },
      {
        round: 1,
        group: 2,
        text: '=HYPERLINK("http://evil.example","klikkaa")',
        themes: ["  LUOTTAMUS ", "Osallisuus", "+SUM(A1)"],
        savedAt: new Date("2024-03-25T07:45:00Z"),
      },
      {
        round: 2,
        group: 1,
        text: "@cmd|' /C calc'!A0 ja Liisan kokemus ja Niemisen huoli",
        themes: ["osallisuus", "luottamus"],
        insights: "-2+3 Jussille ja Korhoselle kiitos",
        savedAt: "2024-03-25T08:40:00Z",
      },
      {
        round: 2,
        group: 1,
        text: "Toinen muistiinpano samasta ryhmästä, Lahtisen ajatus.",
        themes: ["Luottamus"],
        savedAt: "2024-03-25T08:30:00Z",
      },
    ],
  };
}
