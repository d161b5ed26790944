import assert from "node:assert/strict";
import type { Entry, Membership, Organisation } from "../../src/features/directory/domain/types";
import {
  IAP2_LEVELS,
  METHOD_IDS,
  METHOD_TEMPLATES,
  methodAgenda,
  methodGrouping,
} from "../../src/features/dialogues/domain/methods";
import { calendarItems } from "../../src/features/peer/domain/calendar";
import { makeDrafts } from "../../src/features/peer/domain/drafts";
import { listingHealth } from "../../src/features/peer/domain/listing-health";
import { organisationRecipients } from "../../src/features/peer/domain/recipients";
import { parsePeerInput } from "../../src/features/peer/domain/schedule-input";
import type { PeerDialogue } from "../../src/features/peer/domain/types";
import type { Summary } from "../../src/features/rounds/domain/summary/types";

const peer = (over: Partial<PeerDialogue> = {}): PeerDialogue => ({
  dialogueId: "d-aaaaaaaa",
  tenantId: "t",
  theme: "Luottamus",
  start: "2030-03-25T07:00:00.000Z",
  end: "2030-03-25T09:00:00.000Z",
  organisations: [
    { orgId: "vm", name: "Valtiovarainministeriö", contacts: [{ name: "V", aadId: "aad-v" }] },
    { orgId: "syke", name: "Suomen ympäristökeskus", contacts: [{ name: "S", email: "s@syke.fi" }] },
  ],
  method: "dialogue",
  level: "involve",
  language: "fi",
  createdBy: { userId: "c", name: "C" },
  createdAt: "2030-03-01T00:00:00.000Z",
  state: "scheduled",
  ...over,
});

describe("peer domain", () => {
  it("method templates: every method pre-fills sizes, roles and a guide in fi/sv/en; the jury has four phases", () => {
    for (const id of METHOD_IDS) {
      const m = METHOD_TEMPLATES[id];
      assert.ok(IAP2_LEVELS.includes(m.level));
      for (const lang of ["fi", "sv", "en"] as const) {
        assert.ok(m.guide[lang] && m.name[lang]);
        for (const r of m.roles) assert.ok(r.name[lang]);
      }
      const agenda = methodAgenda(id, 9 * 60, 11 * 60, "sv");
      assert.equal(agenda[0]!.minutes, 540);
      assert.equal(agenda.at(-1)!.minutes, 660);
      assert.ok(
        agenda.some((i) => i.breakout),
        `${id} has group rounds`,
      );
      assert.ok(
        m.groupSizes.minSize <= m.groupSizes.targetSize && m.groupSizes.targetSize <= m.groupSizes.maxSize,
      );
    }
    assert.equal(METHOD_TEMPLATES.citizensJury.phases.length, 4);
    assert.equal(METHOD_TEMPLATES.citizensJury.capacity, 20);
    assert.deepEqual(methodGrouping("citizensJury", true), {
      minSize: 4,
      maxSize: 7,
      targetSize: 5,
      policies: { org: "diversify" },
    });
  });

  it("scheduling input: needs two known organisations with named contacts, and valid dialogue fields", () => {
    const orgName = (id: string) => ({ vm: "VM", syke: "SYKE" })[id];
    const bad = parsePeerInput(
      { theme: "", organisations: [{ orgId: "vm", contacts: [{ name: "" }] }, { orgId: "xx" }] },
      { now: new Date("2030-01-01T00:00:00Z"), lang: "fi", orgName },
    );
    assert.equal(bad.ok, false);
    const keys = !bad.ok ? bad.errors.map((e) => `${e.field}:${e.key}`) : [];
    for (const k of [
      "organisations.0.contacts:contactName",
      "organisations.1:unknownOrg",
      "organisations:tooFewOrgs",
      "theme:dialogue:errors.required",
    ])
      assert.ok(keys.includes(k), `${k} in ${keys.join(", ")}`);

    const ok = parsePeerInput(
      {
        theme: "Luottamus",
        date: "2030-03-25",
        startTime: "09:00",
        endTime: "11:00",
        method: "citizensJury",
        meetingUrl: "https://teams.microsoft.com/l/x",
        organisations: [
          { orgId: "vm", contacts: [{ name: "V", aadId: "aad-v" }] },
          // An empty optional second contact is an unused row, not an error.
          {
            orgId: "syke",
            contacts: [
              { name: "S", email: "s@syke.fi" },
              { name: "", email: "" },
            ],
          },
        ],
      },
      { now: new Date("2030-01-01T00:00:00Z"), lang: "en", orgName },
    );
    assert.ok(ok.ok, JSON.stringify(ok));
    assert.equal(ok.value.level, "collaborate", "the method's usual level");
    assert.equal(ok.value.details.capacity, 20);
    assert.equal(ok.value.organisations[1]!.contacts.length, 1);
    assert.equal(ok.value.details.agenda[1]!.title, "Expert briefings");
  });

  it("drafts: one per organisation, insights only from groups with its people, partners are the others", () => {
    const summary = {
      counts: { participants: 6 },
      themes: [{ theme: "luottamus", groups: 2 }],
      insights: [
        { round: 1, group: 1, text: "A" },
        { round: 1, group: 2, text: "B" },
      ],
    } as unknown as Summary;
    const drafts = makeDrafts(
      peer(),
      summary,
      [
        { round: 1, group: 1, organisations: ["Valtiovarainministeriö", "Suomen ympäristökeskus"] },
        { round: 1, group: 2, organisations: ["Suomen ympäristökeskus"] },
      ],
      { title: (t) => `PD: ${t}`, description: ({ partners }) => partners.join("+") },
    );
    assert.deepEqual(
      drafts.map((d) => [d.orgId, d.insights, d.partners, d.date, d.status]),
      [
        ["vm", ["A"], ["Suomen ympäristökeskus"], "2030-03-25", "open"],
        ["syke", ["A", "B"], ["Valtiovarainministeriö"], "2030-03-25", "open"],
      ],
    );
  });

  it("drafts of an English dialogue name the partners by their English names (Finnish without one)", () => {
    const summary = { counts: { participants: 4 }, themes: [], insights: [] } as unknown as Summary;
    const english = peer({
      language: "en",
      organisations: [
        {
          orgId: "vm",
          name: "Valtiovarainministeriö",
          names: { fi: "Valtiovarainministeriö", en: "Ministry of Finance" },
          contacts: [{ name: "V", aadId: "aad-v" }],
        },
        {
          orgId: "syke",
          name: "Suomen ympäristökeskus",
          names: {
            fi: "Suomen ympäristökeskus",
            sv: "Finlands miljöcentral",
            en: "Finnish Environment Institute",
          },
          contacts: [{ name: "S", email: "s@syke.fi" }],
        },
        { orgId: "x", name: "Pieni virasto", contacts: [{ name: "P", email: "p@x.fi" }] },
      ],
    });
    const drafts = makeDrafts(english, summary, [], {
      title: (t) => t,
      description: ({ partners }) => partners.join("+"),
    });
    assert.deepEqual(
      drafts.map((d) => [d.orgId, d.partners, d.description]),
      [
        [
          "vm",
          ["Finnish Environment Institute", "Pieni virasto"],
          "Finnish Environment Institute+Pieni virasto",
        ],
        ["syke", ["Ministry of Finance", "Pieni virasto"], "Ministry of Finance+Pieni virasto"],
        [
          "x",
          ["Ministry of Finance", "Finnish Environment Institute"],
          "Ministry of Finance+Finnish Environment Institute",
        ],
      ],
    );
  });

  it("recipients: the organisation's staff (object ids); without staff, its contacts with object ids", () => {
    const m = (userId: string, orgIds: string[]): Membership => ({
      userId,
      orgIds,
      updatedAt: "",
      updatedBy: "",
    });
    const memberships = [m("aad-1", ["vm"]), m("x@vm.fi", ["vm"]), m("aad-2", ["syke"])];
    assert.deepEqual(organisationRecipients("vm", memberships, [{ name: "C", aadId: "aad-c" }]), ["aad-1"]);
    assert.deepEqual(
      organisationRecipients("oph", memberships, [
        { name: "C", aadId: "aad-c" },
        { name: "D", email: "d@oph.fi" },
      ]),
      ["aad-c"],
    );
  });

  it("listing health: missing (flag or no entries) and stale after the configured days", () => {
    const org = (id: string, listingMissing = false) =>
      ({ id, names: { fi: id }, listingMissing }) as Organisation;
    const entry = (orgId: string, updatedAt: string) => ({ orgId, updatedAt }) as Entry;
    const now = new Date("2030-06-01T00:00:00Z");
    const out = listingHealth(
      [org("a"), org("b", true), org("c"), org("d")],
      [
        entry("a", "2030-05-01T00:00:00Z"),
        entry("b", "2030-05-01T00:00:00Z"),
        entry("c", "2029-01-01T00:00:00Z"),
      ],
      now,
    );
    assert.deepEqual(
      out.map((o) => [o.org.id, o.reason]),
      [
        ["b", "listingMissing"],
        ["c", "stale"],
        ["d", "listingMissing"],
      ],
    );
    assert.ok(listingHealth([org("a")], [entry("a", "2030-05-01T00:00:00Z")], now, 10).length === 1);
  });

  it("calendar: upcoming soonest first, then past latest first; filters by organisation and theme; summary when ended", () => {
    const now = new Date("2030-04-01T00:00:00Z");
    const items = calendarItems(
      [
        peer({
          dialogueId: "d-past0001",
          start: "2030-01-01T07:00:00Z",
          end: "2030-01-01T09:00:00Z",
          state: "ended",
        }),
        peer({ dialogueId: "d-next0002", start: "2030-05-01T07:00:00Z", end: "2030-05-01T09:00:00Z" }),
        peer({ dialogueId: "d-soon0003", start: "2030-04-02T07:00:00Z", end: "2030-04-02T09:00:00Z" }),
        peer({ dialogueId: "d-gone0004", state: "cancelled" }),
        peer({ dialogueId: "d-ilma0005", theme: "Ilmasto", organisations: [] }),
      ],
      now,
      { theme: "LUOTTAMUS" },
      (id) => `/s/${id}`,
    );
    assert.deepEqual(
      items.map((i) => [i.dialogueId, i.upcoming, i.summaryUrl]),
      [
        ["d-soon0003", true, undefined],
        ["d-next0002", true, undefined],
        ["d-past0001", false, "/s/d-past0001"],
      ],
    );
    assert.equal(calendarItems([peer()], now, { org: "oph" }, String).length, 0);
  });
});
