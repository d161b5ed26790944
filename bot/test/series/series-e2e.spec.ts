import assert from "node:assert/strict";
import JSZip from "jszip";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { createDialogueRepository } from "../../src/features/dialogues/store/dialogue-repository";
import { createRegistrationRepository } from "../../src/features/dialogues/store/registration-repository";
import { cardOf, driver, executeAction, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import { startSsoAuthority, SSO_TENANT, type SsoAuthority } from "../../testing/sso";
import { apiClient, seriesBody, type ApiUser } from "./api-client";

/**
 * The end-to-end story through /api/messages and the REST API of the real server:
 * a coordinator opens a series → three organisers register dialogues (one run with the bot, two
 * reported only) → records, one late and reminded → summary with correct figures → exports →
 * published to a subscriber. Personal data typed into records must not reach any output.
 */
describe("series end to end (bot + REST API, real server)", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let api: ReturnType<typeof apiClient>;
  let sso: SsoAuthority;
  let clock = Date.parse("2027-03-10T10:00:00Z");

  const coordinator: Actor & ApiUser = {
    userId: "aad-coordinator",
    userName: "Kaisa Koordinaattori",
    name: "Kaisa Koordinaattori",
    locale: "fi-FI",
    tenantId: SSO_TENANT,
  };
  const o2: Actor & ApiUser = {
    userId: "aad-org-2",
    userName: "Olli Järjestäjä",
    name: "Olli Järjestäjä",
    locale: "fi-FI",
    tenantId: SSO_TENANT,
  };
  const o3: Actor & ApiUser = {
    userId: "aad-org-3",
    userName: "Sara Arrangör",
    name: "Sara Arrangör",
    locale: "sv-FI",
    tenantId: SSO_TENANT,
    lang: "sv",
  };
  const o4: Actor & ApiUser = {
    userId: "aad-org-4",
    userName: "Eero Espoo",
    name: "Eero Espoo",
    locale: "fi-FI",
    tenantId: SSO_TENANT,
  };
  const reader: Actor & ApiUser = {
    userId: "aad-reader",
    userName: "Hanna Hyödyntäjä",
    name: "Hanna Hyödyntäjä",
    locale: "en-GB",
    tenantId: SSO_TENANT,
    lang: "en",
  };
  const outsider: Actor & ApiUser = {
    userId: "aad-outsider",
    userName: "Ulla Ulkopuolinen",
    name: "Ulla Ulkopuolinen",
    locale: "fi-FI",
    tenantId: SSO_TENANT,
  };
  const secrets = [
    "Maija",
    "Meikäläinen",
    "maija.meikalainen",
    "Matti",
    "Virtanen",
    "040 123 4567",
    "Pekka",
    "Pouta",
    "example.",
  ];

  let seriesId = "";
  const ids: Record<string, string> = {};
  const etags: Record<string, string> = {};

  before(async () => {
    connector = await startConnectorRecorder();
    sso = await startSsoAuthority();
    app = await startTestApp({
      env: { ...sso.env, COORDINATORS: coordinator.userId },
      overrides: { now: () => new Date(clock) },
    });
    api = apiClient(app, sso);
  });
  after(async () => {
    await app?.close();
    await connector?.close();
    await sso?.close();
  });

  const bot = () => driver(app, connector);
  const assertNoPersonalData = (text: string, where: string) => {
    for (const s of secrets) assert.ok(!text.includes(s), `${where} leaks "${s}"`);
  };

  it("refuses non-coordinators in the bot (translated) and the API (403)", async () => {
    const [reply] = await bot().say(outsider, "uusi kierros");
    assert.match(String(reply?.text), /Vain kansallisten dialogien koordinaattorit/);
    const res = await api.post(outsider, "/api/series", seriesBody());
    assert.equal(res.status, 403);
    assert.equal(res.json.error, "notCoordinator");
    assert.equal((await api.get(undefined, "/api/series")).status, 401);
  });

  it("lets the coordinator open a series from the bot's form", async () => {
    const [sent] = await bot().say(coordinator, "uusi kierros");
    const form = valid(cardOf(sent));
    assert.ok(executeAction(form, "series.create"));
    const b = seriesBody();
    const { message } = await bot().execute(coordinator, "series.create", {
      theme: b.theme,
      question: b.question,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      registrationDeadline: b.registrationDeadline,
      recordsDeadline: b.recordsDeadline,
      languages: "fi,sv",
      invitationFi: b.materials.invitation.fi,
      invitationSv: b.materials.invitation.sv,
      discussionGuide: b.materials.discussionGuide,
      groundRules: b.materials.groundRules,
    });
    assert.match(String(message), /Luottamus arjessa/);
    const list = await api.get(coordinator, "/api/series");
    const items = list.json.items as { id: string; theme: string; etag: string }[];
    assert.equal(items.length, 1);
    seriesId = items[0]!.id;
    assert.equal(items[0]!.theme, "Luottamus arjessa");
  });

  it("seeds the spring 2023 regular organisers", async () => {
    const res = await api.get(o2, "/api/series/organisers");
    const names = (res.json.items as { name: string; kind: string }[]).map((o) => o.name);
    assert.equal(names.length, 41);
    assert.ok(names.includes("Erätauko-säätiö") && names.includes("Ulkoministeriö/Kathmandu Nepal"));
  });

  it("announces: the sign-up card goes to the channel where it is typed", async () => {
    const sent = await bot().say(coordinator, "julkaise kierros", {
      conversationType: "channel",
      conversationId: "19:network@thread.tacv2",
    });
    const card = valid(cardOf(sent.find((a) => a.attachments)));
    assert.match(textOf(card), /Luottamus arjessa/);
    assert.ok(executeAction(card, "series.signup"));
    assert.ok(executeAction(card, "series.subscribe"));
    assert.match(String(sent.find((a) => a.text)?.text), /Ilmoittautumiskortti lähetetty/);
  });

  it("registers a dialogue run with the bot from the card", async () => {
    // A dialogue created with the dialogues feature, organised by o2, with one registrant.
    const dialogues = createDialogueRepository(app.app.store.table("Dialogues"));
    const at = new Date(clock);
    await dialogues.create({
      id: "d-series2a",
      tenantId: SSO_TENANT,
      state: "open",
      version: 1,
      createdBy: { aadId: o2.userId, name: o2.name },
      organiserIds: [o2.userId],
      facilitators: [{ aadId: o2.userId, name: o2.name }],
      createdAt: at,
      updatedAt: at,
      title: "Luottamus verkossa",
      description: "",
      themes: [],
      start: new Date("2027-03-20T08:00:00Z"),
      end: new Date("2027-03-20T10:00:00Z"),
      deadline: new Date("2027-03-19T08:00:00Z"),
      mode: "remote",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/x",
      address: "",
      capacity: 20,
      languages: ["fi"],
      organisers: "Erätauko-säätiö",
      groundRules: "current4",
      agenda: [],
    });
    await createRegistrationRepository(app.app.store.table("Registrations")).register(
      {
        dialogueId: "d-series2a",
        userId: "aad-participant",
        name: "Pekka Pouta",
        uiLang: "fi",
        language: "fi",
        organisation: "",
        background: "",
        accessibility: "",
        scribe: false,
      },
      20,
      at,
    );
    const signup = await bot().execute(o2, "series.signup", { seriesId });
    const form = valid(signup.card, signup);
    assert.ok(executeAction(form, "series.register"));
    const reg = await bot().execute(o2, "series.register", {
      seriesId,
      kind: "bot",
      dialogueId: "d-series2a",
      organisation: "Erätauko-säätiö",
      date: "2027-03-20",
      mode: "remote",
      language: "fi",
      targetGroup: "Nuoret aikuiset",
      expectedParticipants: "15",
      region: "uusimaa",
      joinNetwork: "true",
    });
    assert.match(String(reg.message), /on ilmoitettu kierrokseen/);
  });

  it("refuses a bot dialogue id the organiser does not own, keeping the form", async () => {
    const res = await bot().execute(o3, "series.register", {
      seriesId,
      kind: "bot",
      dialogueId: "d-series2a",
      organisation: "Kela",
      date: "2027-03-21",
      mode: "remote",
      language: "fi",
      expectedParticipants: "5",
      region: "uusimaa",
    });
    const card = valid(res.card, res);
    assert.match(textOf(card), /Dialogen hittades inte/);
    assert.equal(
      (card.body as { id?: string; value?: string }[]).find((i) => i.id === "organisation")?.value,
      "Kela",
    );
  });

  it("registers two reported-only dialogues from the tab", async () => {
    const r3 = await api.post(o3, `/api/series/${seriesId}/dialogues`, {
      kind: "reported",
      title: "Tillit i vardagen",
      organisation: "Kela",
      date: "2027-03-22",
      mode: "inPerson",
      language: "sv",
      targetGroup: "Seniorer",
      expectedParticipants: 20,
      region: "pohjanmaa",
    });
    assert.equal(r3.status, 201, JSON.stringify(r3.json));
    ids.o3 = (r3.json.dialogue as { id: string }).id;
    const r4 = await api.post(o4, `/api/series/${seriesId}/dialogues`, {
      kind: "reported",
      title: "Espoon kirjastodialogi",
      organisation: "Espoon kaupunki",
      date: "2027-04-02",
      mode: "hybrid",
      language: "fi",
      targetGroup: "Kaikki",
      expectedParticipants: 15,
      region: "uusimaa",
    });
    assert.equal(r4.status, 201);
    ids.o4 = (r4.json.dialogue as { id: string }).id;
    // Each organiser sees only their own dialogues.
    const mine = await api.get(o3, `/api/series/${seriesId}/dialogues`);
    assert.deepEqual(
      (mine.json.items as { id: string }[]).map((d) => d.id),
      [ids.o3],
    );
    const all = await api.get(coordinator, `/api/series/${seriesId}/dialogues`);
    assert.equal((all.json.items as unknown[]).length, 3);
    ids.o2 = (all.json.items as { id: string; kind: string }[]).find((d) => d.kind === "bot")!.id;
  });

  it("takes records from the card (anonymised) and from the tab", async () => {
    clock = Date.parse("2027-04-05T10:00:00Z");
    const form = await bot().execute(o2, "series.recordForm", { seriesId, dialogueId: ids.o2 });
    valid(form.card, form);
    const saved = await bot().execute(o2, "series.submitRecord", {
      seriesId,
      dialogueId: ids.o2,
      version: "0",
      participantsOnSite: "0",
      participantsRemote: "12",
      languages: "fi",
      themes: "Luottamus viranomaisiin\nYksinäisyys",
      insights: "Selkeä kieli lisää luottamusta\nKohtaaminen vähentää yksinäisyyttä",
      notes:
        "Maija Meikäläinen (maija.meikalainen@example.fi) kertoi kokemuksestaan. Pekka sanoi: luottamus viranomaisiin kasvaa, kun päätökset selitetään selkeästi.",
      reachedSeldomHeard: "true",
      seldomHeardGroups: "Nuoret työttömät",
    });
    assert.match(String(saved.message), /Muistiinpanot tallennettu/);

    const put = await api.put(o3, `/api/series/${seriesId}/dialogues/${ids.o3}/records/1`, {
      participantsOnSite: 20,
      participantsRemote: 0,
      languages: ["sv", "fi"],
      themes: ["luottamus viranomaisiin", "Nuorten osallisuus"],
      insights: ["Selkeä kieli lisää luottamusta"],
      notes:
        "Matti Virtanen, puh. 040 123 4567, matti.virtanen@example.com. Luottamus viranomaisiin syntyy kohtaamisista.",
      reachedSeldomHeard: false,
    });
    assert.equal(put.status, 201, JSON.stringify(put.json));
    etags.o3 = String(put.headers.get("etag"));
    assertNoPersonalData(JSON.stringify(put.json), "stored record");
  });

  it("keeps organisers to their own records (403)", async () => {
    assert.equal((await api.get(o3, `/api/series/${seriesId}/dialogues/${ids.o2}/records/1`)).status, 403);
    const edit = await api.put(
      o3,
      `/api/series/${seriesId}/dialogues/${ids.o2}/records/1`,
      { participantsOnSite: 1, languages: ["fi"] },
      '"1"',
    );
    assert.equal(edit.status, 403);
    assert.equal((await api.get(o3, `/api/series/${seriesId}/dashboard`)).status, 403);
    const own = await api.get(o3, `/api/series/${seriesId}/dialogues/${ids.o3}/records/1`);
    assert.equal(own.status, 200);
    const viaCard = await bot().execute(o4, "series.recordForm", { seriesId, dialogueId: ids.o2 });
    assert.match(String(viaCard.message), /vain omia muistiinpanojasi/);
  });

  it("refuses a stale ETag with 409 and the current record, losing nothing", async () => {
    const path = `/api/series/${seriesId}/dialogues/${ids.o3}/records/1`;
    const body = {
      participantsOnSite: 21,
      participantsRemote: 0,
      languages: ["sv", "fi"],
      themes: ["luottamus viranomaisiin", "Nuorten osallisuus"],
      insights: ["Selkeä kieli lisää luottamusta"],
      notes: "Luottamus viranomaisiin syntyy kohtaamisista.",
    };
    const first = await api.put(o3, path, body, etags.o3);
    assert.equal(first.status, 200);
    const stale = await api.put(o3, path, { ...body, participantsOnSite: 99 }, etags.o3);
    assert.equal(stale.status, 409);
    assert.equal((stale.json.current as { participantsOnSite: number }).participantsOnSite, 21);
    const now = await api.get(o3, path);
    assert.equal((now.json.record as { participantsOnSite: number }).participantsOnSite, 21);
    // Put the agreed count back for the statistics below.
    const fix = await api.put(
      o3,
      path,
      { ...body, participantsOnSite: 20 },
      String(first.headers.get("etag")),
    );
    assert.equal(fix.status, 200);
  });

  it("shows the missing record on the dashboard and reminds with one click", async () => {
    await bot().say(o4, "kierrokset"); // o4 has talked to the bot, so a personal message can reach them
    const dash = await api.get(coordinator, `/api/series/${seriesId}/dashboard`);
    assert.equal(dash.status, 200);
    const st = dash.json.statistics as { registeredDialogues: number; recordsMissing: number };
    assert.equal(st.registeredDialogues, 3);
    assert.equal(st.recordsMissing, 1);
    const [sent] = await bot().say(coordinator, "kierroksen tilanne");
    const card = valid(cardOf(sent));
    assert.match(textOf(card), /Espoon kaupunki/);
    const before = connector.calls.length;
    const res = await bot().execute(coordinator, "series.remind", { seriesId });
    assert.match(textOf(valid(res.card, res)), /Muistutus lähetetty 1/);
    const toO4 = bot().sentTo(`a:chat-${o4.userId}`, before);
    assert.equal(toO4.length, 1);
    const reminder = valid(cardOf(toO4[0]!.body));
    assert.deepEqual(executeAction(reminder, "series.recordForm")?.data, { seriesId, dialogueId: ids.o4 });
    const row = (
      (await api.get(coordinator, `/api/series/${seriesId}/dashboard`)).json.rows as {
        id: string;
        reminderCount: number;
      }[]
    ).find((r) => r.id === ids.o4);
    assert.equal(row?.reminderCount, 1);
  });

  it("accepts the late record after the reminder", async () => {
    clock = Date.parse("2027-05-10T10:00:00Z");
    const put = await api.put(o4, `/api/series/${seriesId}/dialogues/${ids.o4}/records/1`, {
      participantsOnSite: 8,
      participantsRemote: 5,
      languages: ["fi"],
      themes: ["Yksinäisyys"],
      insights: ["Kirjasto on turvallinen kohtaamispaikka"],
      notes: "Yksinäisyys näkyy arjessa monella tavalla.",
      reachedSeldomHeard: true,
      seldomHeardGroups: "Maahan muuttaneet",
    });
    assert.equal(put.status, 201, JSON.stringify(put.json));
  });

  it("compiles the summary with the right figures, themes and organisers", async () => {
    assert.equal((await api.post(o3, `/api/series/${seriesId}/summary`, {})).status, 403);
    const res = await api.post(coordinator, `/api/series/${seriesId}/summary`, {
      analysis: "Luottamus rakentuu kohtaamisissa.",
    });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const s = res.json.summary as {
      statistics: {
        dialogues: number;
        participants: number;
        participantsOnSite: number;
        participantsRemote: number;
        organisers: number;
        reachedSeldomHeard: number;
      };
      themes: { theme: string; count: number; quotes: string[] }[];
      organisations: string[];
    };
    assert.deepEqual(
      {
        d: s.statistics.dialogues,
        p: s.statistics.participants,
        on: s.statistics.participantsOnSite,
        re: s.statistics.participantsRemote,
        o: s.statistics.organisers,
        sh: s.statistics.reachedSeldomHeard,
      },
      { d: 3, p: 45, on: 28, re: 17, o: 3, sh: 2 },
    );
    assert.deepEqual(
      s.themes.map((t) => [t.theme, t.count]),
      [
        ["Luottamus viranomaisiin", 2],
        ["Yksinäisyys", 2],
        ["Nuorten osallisuus", 1],
      ],
    );
    assert.ok(s.themes[0]!.quotes.length >= 1);
    assert.deepEqual(s.organisations, ["Erätauko-säätiö", "Espoon kaupunki", "Kela"]);
    assertNoPersonalData(JSON.stringify(res.json), "summary JSON");
    // Not published yet: only coordinators can read it.
    assert.equal((await api.get(reader, `/api/series/${seriesId}/summary`)).status, 404);
  });

  it("exports Word, Markdown and CSV without personal data", async () => {
    const docx = await api.download(coordinator, `/api/series/${seriesId}/summary.docx`);
    assert.equal(docx.status, 200);
    assert.match(docx.type, /wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    assert.match(xml, /3 dialogia, 45 osallistujaa \(28 paikan päällä, 17 Teamsissa\), 3 järjestäjää/);
    assert.match(xml, /Luottamus viranomaisiin \(2\)/);
    assert.match(xml, /Erätauko-säätiö/);
    assertNoPersonalData(xml, "docx");
    const md = await api.download(coordinator, `/api/series/${seriesId}/summary.md`);
    assert.match(md.body.toString("utf8"), /^# Luottamus arjessa/);
    assertNoPersonalData(md.body.toString("utf8"), "markdown");
    const csv = (await api.download(coordinator, `/api/series/${seriesId}/summary.csv`)).body.toString(
      "utf8",
    );
    assert.ok(csv.startsWith("\ufeff") && csv.includes("\r\n"));
    assert.match(csv, /statistics,participants,45,/);
    assertNoPersonalData(csv, "csv");
    const dialoguesCsv = await api.download(coordinator, `/api/series/${seriesId}/export.csv`);
    assert.equal(dialoguesCsv.status, 200);
    assert.equal(dialoguesCsv.body.toString("utf8").trim().split("\r\n").length, 4);
    assert.equal((await api.download(o3, `/api/series/${seriesId}/export.csv`)).status, 403);
  });

  it("publishes to subscribers in Teams and in the API", async () => {
    await bot().say(reader, "series");
    const sub = await bot().execute(reader, "series.subscribe", { seriesId });
    assert.match(String(sub.message), /Subscribed/);
    const before = connector.calls.length;
    const res = await api.post(coordinator, `/api/series/${seriesId}/summary/publish`);
    assert.equal(res.status, 200);
    assert.equal(res.json.sent, 1);
    const toReader = bot().sentTo(`a:chat-${reader.userId}`, before);
    assert.equal(toReader.length, 1);
    const card = valid(cardOf(toReader[0]!.body));
    assert.match(textOf(card), /3 dialogues, 45 participants \(28 on site, 17 on Teams\), 3 organisers/);
    assertNoPersonalData(JSON.stringify(card), "published card");
    const got = await api.get(reader, `/api/series/${seriesId}/summary`);
    assert.equal(got.status, 200);
    assert.equal(got.json.summary && (got.json.summary as { published: boolean }).published, true);
  });

  it("closes records after the deadline (server clock)", async () => {
    clock = Date.parse("2027-05-16T10:00:00Z");
    const res = await api.put(
      o4,
      `/api/series/${seriesId}/dialogues/${ids.o4}/records/1`,
      { participantsOnSite: 9, languages: ["fi"] },
      '"1"',
    );
    assert.equal(res.status, 403);
    assert.equal(res.json.error, "recordsClosed");
    assert.match(String(res.json.message), /määräaika/);
  });
});
