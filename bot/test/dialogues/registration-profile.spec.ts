import assert from "node:assert/strict";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { startGraphEmulator, type GraphEmulator } from "../../testing/graph-emulator";
import { tableRows } from "../rounds/helpers";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

const organiser: Actor = { userId: "aad-prof-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const people = Object.fromEntries(
  ["company", "department", "none", "forbidden", "edits"].map((k) => [
    k,
    { userId: `aad-prof-${k}`, userName: `Pia ${k}`, locale: "fi-FI" } as Actor,
  ]),
) as Record<"company" | "department" | "none" | "forbidden" | "edits", Actor>;

function formInputs(meetingUrl: string): Record<string, string> {
  return {
    title: "Profiilidialogi",
    description: "Kuvaus",
    themes: "Teema",
    date: "2030-03-25",
    startTime: "09:00",
    endTime: "11:00",
    mode: "remote",
    meetingUrl,
    address: "",
    capacity: "20",
    deadlineDate: "2030-03-18",
    deadlineTime: "16:00",
    languages: "fi",
    organisers: "Valtiovarainministeriö",
    groundRules: "current4",
    agenda: "09:00 Tervetuloa\n09:30 * Pienryhmät\n10:45 Yhteenveto",
  };
}

async function createDialogue(bot: ReturnType<typeof driver>, meetingUrl = ""): Promise<string> {
  const [form] = await bot.say(organiser, "uusi dialogi");
  const action = executeAction(valid(cardOf(form)), "dialogue.create")!;
  const created = await bot.execute(organiser, "dialogue.create", {
    ...action.data,
    ...formInputs(meetingUrl),
  });
  return String(executeAction(valid(created.card, created), "dialogue.edit")!.data.dialogueId);
}

/** The organisation input of the registration form the person gets. */
async function organisationField(bot: ReturnType<typeof driver>, a: Actor, dialogueId: string) {
  const r = await bot.execute(a, "registration.start", { dialogueId });
  const input = findAll(valid(r.card, r), "Input.Text").find((i) => i.id === "organisation");
  assert.ok(input, "the form has an editable organisation field");
  return String(input.value ?? "");
}

describe("registration form: organisation from the Entra profile (Graph, emulated)", function () {
  this.timeout(60_000);
  let graph: GraphEmulator;
  let connector: ConnectorRecorder;
  let app: TestApp;
  let bot: ReturnType<typeof driver>;
  let dialogueId = "";

  before(async () => {
    graph = await startGraphEmulator();
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { ...graph.env } });
    bot = driver(app, connector);
    graph.profiles.set(people.company.userId, { companyName: "Kela", department: "Etuudet" });
    graph.profiles.set(people.department.userId, { department: "Sitran kokeilut" });
    graph.profiles.set(people.edits.userId, { companyName: "Kela" });
    dialogueId = await createDialogue(bot);
  });
  after(async () => {
    await app.close();
    await connector.close();
    await graph.close();
  });
  afterEach(() => assert.deepEqual(graph.violations, [], "requests broke Graph's contract"));

  const profileCalls = (a: Actor) =>
    graph.calls.filter(
      (c) => c.method === "GET" && c.path === `/users/${a.userId}` && /companyName/.test(c.query),
    );

  it("pre-fills the company name (else the department); asks Graph once per person", async () => {
    assert.equal(await organisationField(bot, people.company, dialogueId), "Kela");
    assert.equal(await organisationField(bot, people.department, dialogueId), "Sitran kokeilut");
    assert.equal(await organisationField(bot, people.none, dialogueId), "");
    assert.equal(profileCalls(people.company).length, 1);
    assert.match(
      decodeURIComponent(profileCalls(people.company)[0]!.query),
      /\$select=companyName,department/,
    );
    assert.equal(await organisationField(bot, people.company, dialogueId), "Kela");
    assert.equal(profileCalls(people.company).length, 1, "the second form came from the cache");
  });

  it("the field stays editable: what the person submits is what registers", async () => {
    assert.equal(await organisationField(bot, people.edits, dialogueId), "Kela");
    const r = await bot.execute(people.edits, "registration.submit", {
      dialogueId,
      language: "fi",
      organisation: "Oma yritys Oy",
      acceptRules: "true",
    });
    assert.match(textOf(r.card), /Olet ilmoittautunut/);
    const rows = await tableRows(app, "Registrations", dialogueId);
    const row = rows.find((x) => JSON.stringify(x).includes(people.edits.userId));
    assert.equal(row?.organisation, "Oma yritys Oy");
  });

  it("Graph refusing: the field is empty and registration works", async () => {
    graph.options.forbidden = true;
    try {
      assert.equal(await organisationField(bot, people.forbidden, dialogueId), "");
      const r = await bot.execute(people.forbidden, "registration.submit", {
        dialogueId,
        language: "fi",
        acceptRules: "true",
      });
      assert.match(textOf(r.card), /Olet ilmoittautunut/);
    } finally {
      graph.options.forbidden = false;
    }
  });
});

describe("registration form without Graph", () => {
  it("starts with an empty organisation and works", async function () {
    this.timeout(30_000);
    const connector = await startConnectorRecorder();
    const app = await startTestApp();
    try {
      const bot = driver(app, connector);
      const id = await createDialogue(bot, "https://teams.microsoft.com/l/meetup-join/x");
      assert.equal(await organisationField(bot, people.company, id), "");
    } finally {
      await app.close();
      await connector.close();
    }
  });
});
