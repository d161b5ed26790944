import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT, startSsoAuthority, type SsoAuthority } from "../../testing/sso";
import {
  cardOf,
  driver,
  executeAction,
  findAll,
  textOf,
  valid,
  type Actor,
} from "../dialogues/conversation-helpers";
import { eventually, personalActivities, tableRows } from "../rounds/helpers";

// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
const CHANNEL = "19:peer-network@thread.tacv2";
const person = (userId: string, userName: string): Actor => ({
  userId,
  userName,
  locale: "fi-FI",
  tenantId: SSO_TENANT,
});
const coordinator = person("aad-peer-coordinator", "Kaisa Koordinaattori");
const ORGS = ["vm", "syke", "oph"] as const;
type OrgId = (typeof ORGS)[number];
const contact: Record<OrgId, Actor> = {
  vm: person("aad-contact-vm", "Ville Valtiovarain"),
  syke: person("aad-contact-syke", "Sanna Ympäristö"),
  oph: person("aad-contact-oph", "Olli Opetus"),
};
const staff: Record<OrgId, Actor> = {
  vm: person("aad-staff-vm", "Veera Virkailija"),
  syke: person("aad-staff-syke", "Saku Suunnittelija"),
  oph: person("aad-staff-oph", "Outi Opetusneuvos"),
};
const smStaff = person("aad-staff-sm", "Sami Sisä");
/** Three registrants per organisation: its contact and two colleagues. */
const registrants = ORGS.flatMap((org) => [
  { ...contact[org], org },
  { ...person(`aad-${org}-2`, `Toinen ${org.toUpperCase()}`), org },
  { ...person(`aad-${org}-3`, `Kolmas ${org.toUpperCase()}`), org },
]);

type Sent = Record<string, unknown>;
const cards = (activities: Sent[]) =>
  activities.filter((a) => Array.isArray(a.attachments)).map((a) => cardOf(a));

describe("peer dialogues end to end: scheduling → registration → mixed groups → summary → directory", function () {
  this.timeout(120_000);
  let app: TestApp;
  let sso: SsoAuthority;
  let connector: ConnectorRecorder;
  let clock = new Date("2030-03-01T08:00:00Z");
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";
  const names = new Map<string, string>();
  const token = (a: Actor) => sso.mint({ oid: a.userId, name: a.userName, tid: SSO_TENANT });
  const call = async (path: string, who: Actor, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${app.url}${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${await token(who)}`,
        "accept-language": "fi",
        ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const inChannel = { conversationType: "channel" as const, conversationId: CHANNEL };

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: {
        ...sso.env,
        PUBLIC_URL,
        JOB_POLL_MS: "50",
        COORDINATORS: coordinator.userId,
        LOG_LEVEL: "error",
      },
      overrides: { now: () => clock },
    });
    bot = driver(app, connector);
    for (const a of [coordinator, smStaff, ...Object.values(staff), ...registrants]) await bot.say(a, "help");
    for (const org of [...ORGS, "sm"]) {
      const who = org === "sm" ? smStaff : staff[org as OrgId];
      const res = await call(`/api/directory/memberships/${who.userId}`, coordinator, {
        method: "PUT",
        body: { orgIds: [org], name: who.userName },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const orgs = await call("/api/directory/organisations", coordinator);
    for (const o of orgs.body.items as { id: string; names: { fi: string } }[]) names.set(o.id, o.names.fi);
  });
  after(async () => {
    await app?.close();
    await sso?.close();
    await connector?.close();
  });

  const scheduleInputs = () => ({
    method: "dialogue",
    level: "",
    theme: "Luottamus ja avoin hallinto",
    description: "Ministeriöiden ja virastojen vertaisdialogi.",
    questions: "Milloin luottamus syntyy?",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_peer%40thread.v2/0",
    languages: "fi",
    ...Object.fromEntries(
      ORGS.flatMap((org, i) => [
        [`org${i + 1}`, org],
        [`contactName${i + 1}`, contact[org].userName],
        [`contactId${i + 1}`, contact[org].userId],
      ]),
    ),
  });

  it("refuses scheduling to others than coordinators (bot and API), translated", async () => {
    const [reply] = await bot.say(staff.vm, "vertaisdialogi", inChannel);
    assert.match(String(reply!.text), /Vain dialogiverkoston koordinaattorit/);
    const forged = await bot.execute(
      staff.vm,
      "peer.schedule",
      { nonce: "0f0e0d0c-0b0a-4909-8807-060504030201", ...scheduleInputs() },
      inChannel,
    );
    assert.match(String(forged.message), /Vain dialogiverkoston koordinaattorit/);
    const api = await call("/api/peer", staff.vm, { method: "POST", body: { theme: "x" } });
    assert.equal(api.status, 403);
    assert.equal(api.body.error, "notCoordinator");
    assert.match(String(api.body.message), /koordinaattorit/);
  });

  it("a coordinator schedules in the network channel: invitation posted there, contacts invited personally", async () => {
    const [formActivity] = await bot.say(coordinator, "vertaisdialogi", inChannel);
    const form = valid(cardOf(formActivity));
    const orgChoices = findAll(form, "Input.ChoiceSet").find((i) => i.id === "org1")!;
    assert.ok((orgChoices.choices as { value: string }[]).some((c) => c.value === "syke"));
    const submit = executeAction(form, "peer.schedule")!;

    const bad = await bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs(), org2: "", org3: "" },
      inChannel,
    );
    assert.match(textOf(valid(bad.card, bad)), /Valitse vähintään 2 organisaatiota/);

    const mark = connector.calls.length;
    const done = await bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs() },
      inChannel,
    );
    const card = valid(done.card, done);
    assert.match(textOf(card), /tavoitettiin henkilökohtaisesti: 3, ei tavoitettu: 0/);
    dialogueId = String(executeAction(card, "peer.registrations")!.data.dialogueId);
    assert.match(dialogueId, /^d-/);

    const posted = bot.sentTo(CHANNEL, mark).filter((c) => c.method === "POST");
    assert.ok(
      posted.some((c) => executeAction(cardOf(c.body), "registration.start")),
      "invitation in the channel",
    );
    for (const org of ORGS) {
      const mine = personalActivities(connector, contact[org].userId, mark);
      assert.ok(
        mine.some(
          (a) => String(a.text).includes(names.get(org)!) && executeAction(cardOf(a), "registration.start"),
        ),
        `${org} contact invited`,
      );
    }
    const again = await bot.execute(
      coordinator,
      "peer.schedule",
      { ...submit.data, ...scheduleInputs() },
      inChannel,
    );
    assert.match(textOf(valid(again.card, again)), /Lomake oli jo lähetetty/);
    const rows = await tableRows(app, "Dialogues", dialogueId);
    const stored = JSON.parse(String(rows.find((r) => r.rowKey === "meta")!.data));
    assert.equal(stored.type, "peer");
    assert.deepEqual(
      stored.organisations.map((o: { id: string }) => o.id),
      [...ORGS],
    );
    assert.equal(stored.grouping.policies.org, "diversify");
  });

  it("registrants pick their organisation; coordinators see registrations per organisation", async () => {
    const start = await bot.execute(registrants[0]!, "registration.start", { dialogueId });
    const orgInput = findAll(valid(start.card, start), "Input.ChoiceSet").find(
      (i) => i.id === "organisation",
    )!;
    assert.deepEqual(
      (orgInput.choices as { value: string }[]).map((c) => c.value),
      ORGS.map((o) => names.get(o)),
    );
    for (const r of registrants) {
      const res = await bot.execute(r, "registration.submit", {
        dialogueId,
        language: "fi",
        organisation: names.get(r.org),
        scribe: String(r.userId.endsWith("-2")),
        acceptRules: "true",
      });
      valid(res.card, res);
    }
    const byOrg = await call(`/api/peer/${dialogueId}/registrations-by-org`, coordinator);
    assert.equal(byOrg.status, 200);
    const orgs = byOrg.body.organisations as {
      orgId: string;
      confirmed: unknown[];
      contactsRegistered: number;
    }[];
    assert.deepEqual(
      orgs.map((o) => [o.orgId, o.confirmed.length, o.contactsRegistered]),
      ORGS.map((o) => [o, 3, 1]),
    );
    const refused = await call(`/api/peer/${dialogueId}/registrations-by-org`, staff.vm);
    assert.equal(refused.status, 403);
    const refresh = await bot.execute(staff.vm, "peer.registrations", { dialogueId });
    assert.match(String(refresh.message), /Vain dialogiverkoston koordinaattorit/);
    const mine = await bot.execute(coordinator, "peer.registrations", { dialogueId });
    assert.match(textOf(valid(mine.card, mine)), /3 ilmoittautunutta · yhteyshenkilö ilmoittautunut: 1/);
  });

  it("forms groups that mix organisations, holds a round with notes, and ends", async () => {
    clock = new Date("2030-03-25T07:25:00Z");
    const controls = (verb: string, data: Record<string, unknown> = {}) =>
      bot.execute(coordinator, verb, { dialogueId, ...data });
    valid((await controls("round.startDialogue")).card);
    const formed = await controls("round.form", { round: 1 });
    valid(formed.card, formed);
    const groups = (await tableRows(app, "Groups", dialogueId)).filter((r) =>
      /^r01-g/.test(String(r.rowKey)),
    );
    assert.ok(groups.length >= 2, "more than one group");
    for (const g of groups) {
      const members = JSON.parse(String(g.members)) as { organisation: string }[];
      const orgs = new Set(members.map((m) => m.organisation));
      assert.ok(orgs.size > 1, `group ${String(g.rowKey)} mixes organisations: ${[...orgs].join(", ")}`);
    }

    clock = new Date("2030-03-25T07:30:00Z");
    const mark = connector.calls.length;
    valid((await controls("round.start", { round: 1 })).card);
    const notesCards = new Map<string, Record<string, unknown>>();
    await eventually("notes cards", () => {
      for (const r of registrants) {
        const c = cards(personalActivities(connector, r.userId, mark)).find((x) =>
          executeAction(x, "notes.save"),
        );
        if (c) notesCards.set(r.userId, c);
      }
      return notesCards.size >= groups.length;
    });
    let n = 0;
    for (const [userId, card] of notesCards) {
      const scribe = registrants.find((r) => r.userId === userId)!;
      const saved = await bot.execute(scribe, "notes.save", {
        ...executeAction(card, "notes.save")!.data,
        text: "Keskustelimme siitä, miten luottamus syntyy arjessa.",
        themes: "luottamus, selkeä kieli",
        insights: `Oivallus ${++n}: avoimuus vahvistaa luottamusta`,
      });
      valid(saved.card, saved);
    }
    valid((await controls("round.end", { round: 1 })).card);
    const ended = await controls("round.endDialogue");
    valid(ended.card, ended);
  });

  /** Each organisation's draft card, as its staff received it. */
  const draftCards = new Map<OrgId, Record<string, unknown>>();

  it("sends each organisation's staff a draft entry made from the summary", async () => {
    for (const org of ORGS) {
      const card = await eventually(`draft for ${org}`, () =>
        cards(personalActivities(connector, staff[org].userId)).find((c) =>
          executeAction(c, "peer.draft.accept"),
        ),
      );
      const text = textOf(valid(card));
      assert.match(text, /Päivitä organisaatiosi hakemistomerkinnät/);
      assert.match(text, /luottamus/);
      assert.match(text, /avoimuus vahvistaa luottamusta/, "insights of the org's groups");
      assert.ok(!registrants.some((r) => text.includes(r.userName)), "no registrant names in the draft");
      draftCards.set(org, card);
    }
    const drafts = await call(`/api/peer/${dialogueId}/drafts`, coordinator);
    assert.equal((drafts.body.items as unknown[]).length, 3);
    const ownOnly = await call(`/api/peer/${dialogueId}/drafts`, staff.syke);
    assert.deepEqual(
      (ownOnly.body.items as { orgId: string }[]).map((d) => d.orgId),
      ["syke"],
    );
  });

  it("staff decide only their own organisation's drafts: accept, edit, discard", async () => {
    const data = (org: OrgId, verb: string) => executeAction(draftCards.get(org)!, verb)!.data;
    const wrong = await bot.execute(staff.syke, "peer.draft.accept", data("vm", "peer.draft.accept"));
    assert.match(String(wrong.message), /Vain organisaation oma henkilöstö/);
    const outsider = await bot.execute(
      registrants[1]!,
      "peer.draft.discard",
      data("oph", "peer.draft.discard"),
    );
    assert.match(String(outsider.message), /Vain organisaation oma henkilöstö/);

    const accepted = await bot.execute(staff.vm, "peer.draft.accept", data("vm", "peer.draft.accept"));
    assert.match(textOf(valid(accepted.card, accepted)), /Veera Virkailija hyväksyi/);
    assert.ok(findAll(accepted.card, "Action.OpenUrl")[0]!.url, "link to the entry");
    const twice = await bot.execute(staff.vm, "peer.draft.discard", data("vm", "peer.draft.discard"));
    assert.match(String(twice.message), /on jo käsitelty/);

    const edited = await bot.execute(staff.syke, "peer.draft.edit", {
      ...data("syke", "peer.draft.edit"),
      title: "SYKE:n vertaisdialogi luottamuksesta",
      description: "Muokattu kuvaus.",
      themes: "luottamus\nympäristötieto",
    });
    assert.match(textOf(valid(edited.card, edited)), /muokkasi ja tallensi/);

    const discarded = await bot.execute(staff.oph, "peer.draft.discard", data("oph", "peer.draft.discard"));
    assert.match(textOf(valid(discarded.card, discarded)), /hylkäsi luonnoksen/);
  });

  it("the directory shows exactly that, with audit entries and the dialogue link", async () => {
    const fromDialogue = async (org: string) => {
      const res = await call(`/api/directory/organisations/${org}`, coordinator);
      return (res.body.entries as Record<string, unknown>[]).filter((e) => e.dialogueId === dialogueId);
    };
    const [vm] = await fromDialogue("vm");
    assert.ok(vm, "vm entry");
    assert.equal(vm.section, "done");
    assert.equal(vm.title, "Vertaisdialogi: Luottamus ja avoin hallinto");
    assert.equal(vm.method, "dialogue");
    assert.equal(vm.participationLevel, "involve");
    assert.equal(vm.link, `${PUBLIC_URL}/#/calendar?dialogue=${dialogueId}`);
    assert.deepEqual(vm.partners, [names.get("syke"), names.get("oph")]);
    const [syke, ...more] = await fromDialogue("syke");
    assert.equal(more.length, 0);
    assert.equal(syke!.title, "SYKE:n vertaisdialogi luottamuksesta");
    assert.deepEqual(syke!.themes, ["luottamus", "ympäristötieto"]);
    assert.deepEqual(await fromDialogue("oph"), []);

    for (const [org, entry, who] of [
      ["vm", vm, staff.vm],
      ["syke", syke!, staff.syke],
    ] as const) {
      const history = await call(`/api/directory/entries/${org}/${String(entry.id)}/history`, who);
      assert.equal(history.status, 200);
      const [created] = history.body.items as {
        action: string;
        byId: string;
        after: { dialogueId: string };
      }[];
      assert.equal(created!.action, "create");
      assert.equal(created!.byId, who.userId, "audited as the staff member who decided");
      assert.equal(created!.after.dialogueId, dialogueId);
    }
  });

  it("calendar and organisation views list the peer dialogue with its summary", async () => {
    const calendar = await call(`/api/peer/calendar?org=syke&theme=luottamus`, staff.vm);
    const items = calendar.body.items as { dialogueId: string; summaryUrl?: string; upcoming: boolean }[];
    assert.deepEqual(
      items.map((i) => i.dialogueId),
      [dialogueId],
    );
    assert.equal(items[0]!.upcoming, false);
    assert.equal((await call(`/api/peer/calendar?org=il`, staff.vm)).body.items instanceof Array, true);
    assert.deepEqual((await call(`/api/peer/calendar?org=il`, staff.vm)).body.items, []);
    assert.deepEqual((await call(`/api/peer/calendar?theme=ilmasto`, staff.vm)).body.items, []);
    const summary = await call(items[0]!.summaryUrl!, staff.oph);
    assert.equal(summary.status, 200);
    assert.match(String(summary.body.markdown), /luottamus/);
    const ofOrg = await call(`/api/peer/organisations/oph/dialogues`, staff.syke);
    assert.deepEqual(
      (ofOrg.body.items as { dialogueId: string }[]).map((i) => i.dialogueId),
      [dialogueId],
    );
    assert.deepEqual((await call(`/api/peer/organisations/il/dialogues`, staff.syke)).body.items, []);
  });

  it("highlights missing and stale listings to coordinators, with a one-click reminder", async () => {
    const refused = await call("/api/peer/listing-health", staff.vm);
    assert.equal(refused.status, 403);
    const health = await call("/api/peer/listing-health", coordinator);
    const items = health.body.items as { orgId: string; reason: string; reachable: number }[];
    assert.deepEqual(
      items.find((i) => i.orgId === "sm"),
      { orgId: "sm", name: names.get("sm"), reason: "listingMissing", reachable: 1 },
    );
    assert.ok(!items.some((i) => i.orgId === "vm"), "vm was just updated");
    const stale = await call("/api/peer/listing-health?staleDays=0", coordinator);
    assert.ok(
      (stale.body.items as { orgId: string; reason: string }[]).some(
        (i) => i.orgId === "il" && i.reason === "stale",
      ),
    );

    const mark = connector.calls.length;
    const sent = await call("/api/peer/listing-health/sm/remind", coordinator, { method: "POST", body: {} });
    assert.deepEqual(sent.body, { delivered: 1, recipients: 1 });
    const [reminder] = personalActivities(connector, smStaff.userId, mark);
    assert.match(String(reminder!.text), /listaus vertaisdialogien hakemistossa puuttuu/);
    assert.match(String(reminder!.text), /http:\/\/localhost:8443\/#\/org\/sm/);
    const again = await call("/api/peer/listing-health/sm/remind", coordinator, { method: "POST", body: {} });
    assert.equal(again.status, 429);
    const byStaff = await call("/api/peer/listing-health/sm/remind", smStaff, { method: "POST", body: {} });
    assert.equal(byStaff.status, 403);
  });
});
