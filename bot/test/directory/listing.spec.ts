import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  listingToDirectory,
  type ImportedEntry,
} from "../../src/features/directory/domain/listing/listing-to-directory";
import { parseListing } from "../../src/features/directory/domain/listing/listing-parser";
import { splitTitle } from "../../src/features/directory/domain/listing/bullet-fields";

const SEED = readFileSync(path.join(__dirname, "../../src/features/directory/seed/listing-001.txt"), "utf8");

describe("peer-dialogue listing import format", () => {
  const listing = listingToDirectory(SEED);
  const byOrg = (orgId: string) => listing.entries.filter((e) => e.orgId === orgId);
  const find = (orgId: string, title: RegExp): ImportedEntry => {
    const e = byOrg(orgId).find((x) => title.test(x.fields.title));
    assert.ok(e, `no entry ${title} in ${orgId}`);
    return e;
  };

  it("reads the real seed into exactly the ten organisations, without problems", () => {
    assert.deepEqual(listing.problems, []);
    assert.deepEqual(
      listing.organisations.map((o) => o.id),
      ["il", "mmm", "om", "oph", "sm", "syke", "stm", "vnk", "vm", "uudenmaan-ely"],
    );
    const il = listing.organisations[0]!.fields;
    assert.equal(il.names.fi, "Ilmatieteen laitos"); // heading "Ilmatieteenlaitos" matched loosely
    assert.equal(il.names.sv, "Meteorologiska institutet");
    assert.equal(il.names.en, "Finnish Meteorological Institute");
    assert.equal(il.type, "agency");
    const ely = listing.organisations.find((o) => o.id === "uudenmaan-ely")!.fields;
    assert.equal(ely.type, "ely");
    for (const o of listing.organisations) {
      assert.ok(o.fields.shortName && o.fields.names.sv && o.fields.names.en, o.id);
    }
  });

  it("marks SM's listing as missing, with no entries", () => {
    const sm = listing.organisations.find((o) => o.id === "sm")!;
    assert.equal(sm.fields.listingMissing, true);
    assert.equal(byOrg("sm").length, 0);
    assert.equal(listing.organisations.filter((o) => o.fields.listingMissing).length, 1);
  });

  it("keeps the unit of a 'ministry/department/unit' heading as the contact", () => {
    const stm = listing.organisations.find((o) => o.id === "stm")!;
    assert.equal(stm.fields.names.fi, "Sosiaali- ja terveysministeriö");
    assert.match(stm.fields.contact ?? "", /tasa-arvo-osasto.*toimintapolitiikkayksikkö/);
  });

  it("reports the introduction and the closing lines as skipped, with line numbers", () => {
    assert.deepEqual(
      listing.skipped.map((s) => s.line),
      [1, 3, 5, 7, 101, 103],
    );
    assert.equal(listing.skipped[4]!.text, "Kelaa sitä.");
  });

  it("parents indented sub-bullets to the bullet above", () => {
    const parent = find("syke", /^Dialogia ja dialogisia elementtejä/);
    const children = byOrg("syke").filter((e) => e.fields.parentId === parent.id);
    assert.equal(children.length, 5);
    assert.equal(parent.fields.parentId, undefined);
    assert.equal(byOrg("il").filter((e) => e.fields.parentId).length, 2);
    assert.equal(byOrg("uudenmaan-ely").filter((e) => e.fields.parentId).length, 4);
  });

  it("puts Tulossa and Muuta bullets in the upcoming and other sections, also when repeated", () => {
    const sections = (orgId: string) => byOrg(orgId).map((e) => e.fields.section);
    assert.deepEqual(sections("om"), [
      "done",
      "done",
      "done",
      "done",
      "other",
      "other",
      "upcoming",
      "upcoming",
    ]);
    assert.deepEqual(sections("mmm"), ["done", "done", "done", "done", "done", "upcoming", "upcoming"]);
    assert.deepEqual(sections("vm"), ["done", "done", "done", "done", "done", "done", "other"]);
    assert.equal(listing.entries.length, 46);
  });

  it("states event counts where the text gives them", () => {
    assert.equal(find("vm", /^Luottamusta rakentamassa/).fields.eventCount, 8);
    assert.equal(find("om", /^Erätauko-dialogit osana/).fields.eventCount, 12);
    assert.equal(find("vnk", /^Tulevaisuusselonteon/).fields.eventCount, 50);
    assert.equal(find("oph", /^Alueellisten/).fields.eventCount, 5); // (4 tilaisuutta) + (1 tilaisuus)
    assert.equal(find("mmm", /^Saimaadialogit/).fields.eventCount, 5); // "viisi keskusteluiltaa"
    assert.equal(find("vm", /^Demokratiapäivä/).fields.eventCount, undefined);
  });

  it("parses times, places and tags from the bullet text", () => {
    const saimaa = find("mmm", /^Saimaadialogit$/);
    assert.deepEqual(saimaa.fields.time, {
      text: "Elo-syyskuu 2020",
      year: 2020,
      start: "2020-08-01",
      end: "2020-09-30",
    });
    assert.deepEqual(saimaa.fields.places, ["Saimaa", "Etelä-Savo"]);
    assert.match(saimaa.fields.description, /^Saimaan kalastus -työryhmän/);
    const food = find("mmm", /^Ilmastoruokadialogit$/);
    assert.deepEqual(food.fields.places, ["Kemijärvi", "Tampere", "Raasepori"]);
    assert.equal(find("mmm", /^Maaseutuparlamentti$/).fields.time.start, "2021-04-26");
    assert.equal(find("vnk", /^Tulevaisuusselonteon/).fields.time.end, "2021-05-31");
    assert.equal(find("vm", /^Poikkeusaikojen/).fields.time.text, "4/2020-5/2021");
    // Not cut inside its brackets (issue #27 item 16): the bracket closes in the title.
    const poikkeus = find("vm", /^Poikkeusaikojen/).fields.title;
    assert.equal((poikkeus.match(/\(/g) ?? []).length, (poikkeus.match(/\)/g) ?? []).length, poikkeus);
    const om = find("om", /^Etnisten suhteiden neuvottelukunnan/);
    assert.deepEqual(om.fields.partners, ["Erätauko-säätiö", "Etnisten suhteiden neuvottelukunta"]);
    assert.ok(om.fields.areas.includes("understandability"));
    assert.ok(find("vm", /^Luottamusta/).fields.areas.includes("trust"));
  });

  it("gives stable ids: same file, same ids; changed text, new id", () => {
    const again = listingToDirectory(SEED);
    assert.deepEqual(
      again.entries.map((e) => e.id),
      listing.entries.map((e) => e.id),
    );
    assert.equal(new Set(listing.entries.map((e) => e.id)).size, listing.entries.length);
    const edited = listingToDirectory(SEED.replace("Demokratiapäivä 2020", "Demokratiapäivä 2021"));
    const before = find("vm", /^Demokratiapäivä/).id;
    assert.ok(!edited.entries.some((e) => e.id === before));
  });
});

describe("listing problems", () => {
  const problems = (text: string) => parseListing(text).problems.map((p) => [p.line, p.code]);

  it("reports unreadable lines with their line numbers", () => {
    const text = [
      " • orphan bullet", // 1: before any organisation
      "",
      "Sisäministeriö",
      "",
      " • Listaus puuttuu.",
      "  • sub-bullet without parent", // 6: nothing above it to belong to
      "",
      "Valtiovarainministeriö",
      "",
      " • fine",
      "   wrapped text", // 11: text glued to a bullet
      " •", // 12: empty bullet
      "  • child",
      "    • grandchild", // 14: third level
    ].join("\n");
    assert.deepEqual(problems(text), [
      [1, "bulletOutsideOrganisation"],
      [6, "subBulletWithoutParent"],
      [11, "brokenLine"],
      [12, "emptyBullet"],
      [14, "nestedTooDeep"],
    ]);
  });

  it("refuses a file that is not a listing at all", () => {
    const agenda = "Kutsu\n\nAika: 25.3.2021 klo 9.00-11.00\nPaikka: verkossa\n";
    assert.deepEqual(
      listingToDirectory(agenda).problems.map((p) => p.code),
      ["noOrganisations"],
    );
  });

  it("refuses invisible characters in bullet text (listingToDirectory)", () => {
    const result = listingToDirectory("VM\n\n • Piilo\u200bmerkki\n");
    assert.deepEqual(
      result.problems.map((p) => [p.line, p.code]),
      [[3, "invalidChars"]],
    );
  });
});

describe("title and description from free bullet text", () => {
  const cases: [string, string, string][] = [
    ["Saimaadialogit: Saimaan kalastus.", "Saimaadialogit", "Saimaan kalastus."],
    ["Tenon kalastuspolitiikka. Sidosryhmät mukana.", "Tenon kalastuspolitiikka", "Sidosryhmät mukana."],
    ["Dialogisia elementtejä useissa hankkeissa:", "Dialogisia elementtejä useissa hankkeissa", ""],
    ["Demokratiapäivä 2020", "Demokratiapäivä 2020", ""],
    [
      "HINKUssa myös ns. naapuridialogi, eli hyvien käytäntöjen leviäminen.",
      "HINKUssa myös ns. naapuridialogi, eli hyvien käytäntöjen leviäminen",
      "",
    ],
    ["EU:n tulevaisuus ja 2.0:n opas. Toinen.", "EU:n tulevaisuus ja 2.0:n opas", "Toinen."],
  ];
  for (const [text, title, description] of cases) {
    it(`splits "${text.slice(0, 30)}…"`, () => {
      assert.deepEqual(splitTitle(text), { title, description });
    });
  }

  it("cuts a long first sentence at its first natural break and keeps every word", () => {
    const text =
      "Erätauko-dialogit osana kansallista demokratiaohjelmaa 2025, Tavoitteena oli löytää uusia, monistettavia ja jatkuvia tapoja parantaa nuorten osallistumista.";
    const { title, description } = splitTitle(text);
    assert.equal(title, "Erätauko-dialogit osana kansallista demokratiaohjelmaa 2025");
    assert.equal(`${title}, ${description}`, text);
  });

  it("does not cut where the sentence goes on (a lower-case clause or a parenthesis): the bullet stays the title", () => {
    const text =
      "Kokeiltiin uutta kuulemistapaa ympäristöhankkeessa siitä näkökulmasta, miten asukkaat voisivat osallistua (kyselyt, työpajat).";
    assert.deepEqual(splitTitle(text), { title: text.slice(0, -1), description: "" });
  });

  it("the imported 'arvion siitä, miten…' bullet no longer gets a title that stops mid-sentence", () => {
    const text =
      "Suunnitteilla että oikeusministeriö tekee/teettää arvion siitä, miten Erätauko-dialogiin perustuvaa mallia voitaisiin laajemmin hyödyntää julkisen hallinnon toiminnassa (vuorovaikutuksen ja ymmärryksen lisääminen, säädösvalmistelu, strategiatyö, muu päätöksenteko).";
    const { title, description } = splitTitle(text);
    assert.doesNotMatch(title, /siitä$/);
    assert.doesNotMatch(description, /^\p{Ll}/u, "no description starting mid-sentence");
    assert.ok(title.endsWith("…") && description === text, `${title} | ${description.slice(0, 40)}`);
  });
});
