import assert from "node:assert/strict";
import { splitLikeExcel } from "../../testing/excel-csv";
import { startTestApp, type TestApp } from "../../testing/app";
import { startConnectorRecorder, type ConnectorRecorder } from "../../testing/connector-recorder";
import { cardOf, driver, executeAction, findAll, textOf, valid, type Actor } from "./conversation-helpers";

// Loopback: test apps run in local mode, which refuses a public URL.
const PUBLIC_URL = "http://localhost:8443";
const organiser: Actor = { userId: "aad-hybrid-organiser", userName: "Hilla Hybridi", locale: "en-GB" };
/** Eight registrants: the first four come on site, the rest remotely (their names say which). */
const people: (Actor & { attendance: "onSite" | "remote" })[] = Array.from({ length: 8 }, (_, i) => {
  const attendance = i < 4 ? "onSite" : "remote";
  return {
    userId: `aad-hybrid-${i}`,
    userName: `${attendance === "onSite" ? "Paikalla" : "Etana"} ${i}`,
    locale: i % 2 ? "sv-FI" : "fi-FI",
    attendance,
  };
});
const TEAMS_LINK = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_hybrid%40thread.v2/0";

function inputs(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: "Hybrid dialogue on library services",
    description: "",
    themes: "What makes a library accessible?",
    date: "2030-05-20",
    startTime: "09:00",
    endTime: "11:00",
    mode: "hybrid",
    meetingUrl: TEAMS_LINK,
    address: "Pasila library, Helsinki",
    capacity: "20",
    deadlineDate: "",
    deadlineTime: "",
    languages: "fi,sv",
    organisers: "",
    groundRules: "current4",
    audience: "tenant",
    method: "hybridAccessible",
    minSize: "",
    maxSize: "",
    targetAudience: "",
    materials: "",
    coOrganisations: "",
    ...overrides,
  };
}

describe("hybrid attendance and accepted ground rules, through /api/messages", function () {
  this.timeout(60_000);
  let app: TestApp;
  let connector: ConnectorRecorder;
  let bot: ReturnType<typeof driver>;
  const clock = new Date("2030-05-01T08:00:00Z");
  let dialogueId = "";
  let remoteId = "";

  before(async () => {
    connector = await startConnectorRecorder();
    app = await startTestApp({ env: { PUBLIC_URL, LOG_LEVEL: "error" }, overrides: { now: () => clock } });
    bot = driver(app, connector);
    for (const a of [organiser, ...people]) await bot.say(a, "help");
    const [form] = await bot.say(organiser, "new dialogue");
    const data = executeAction(valid(cardOf(form)), "dialogue.create")!.data;
    const created = await bot.execute(organiser, "dialogue.create", { ...data, ...inputs() });
    dialogueId = String(executeAction(valid(created.card), "dialogue.edit")!.data.dialogueId);
    const [form2] = await bot.say(organiser, "new dialogue");
    const data2 = executeAction(valid(cardOf(form2)), "dialogue.create")!.data;
    const remote = await bot.execute(organiser, "dialogue.create", {
      ...data2,
      ...inputs({ mode: "remote", address: "", method: "dialogue", title: "Remote only" }),
    });
    remoteId = String(executeAction(valid(remote.card), "dialogue.edit")!.data.dialogueId);
  });
  after(async () => {
    await app.close();
    await connector.close();
  });

  const formOf = async (a: Actor, id: string) => {
    const { card } = await bot.execute(a, "registration.start", { dialogueId: id });
    return valid(card);
  };

  it("asks on site or remote for hybrid dialogues only, and carries the ground-rules text id", async () => {
    const form = await formOf(people[0]!, dialogueId);
    const attendance = findAll(form, "Input.ChoiceSet").find((i) => i.id === "attendance")!;
    assert.equal(attendance.isRequired, true);
    assert.deepEqual(
      (attendance.choices as { title: string; value: string }[]).map((c) => [c.value, c.title]),
      [
        ["onSite", "Paikan päällä"],
        ["remote", "Etänä (Teams)"],
      ],
    );
    assert.match(
      String(executeAction(form, "registration.submit")!.data.rulesVersion),
      /^current4\/fi\/[0-9a-f]{8}$/,
    );
    const plain = await formOf(people[1]!, remoteId);
    assert.equal(
      findAll(plain, "Input.ChoiceSet").find((i) => i.id === "attendance"),
      undefined,
    );
    assert.match(String(executeAction(plain, "registration.submit")!.data.rulesVersion), /^current4\/sv\//);
  });

  it("refuses a hybrid registration without the mode, and a ground-rules text that is not current (sv)", async () => {
    const a = people[1]!;
    const submit = executeAction(await formOf(a, dialogueId), "registration.submit")!.data;
    const base = { ...submit, language: "sv", acceptRules: "true" };
    const missing = await bot.execute(a, "registration.submit", base);
    assert.match(textOf(valid(missing.card)), /Välj om du deltar på plats eller på distans/);
    const forged = await bot.execute(a, "registration.submit", {
      ...base,
      attendance: "onSite",
      rulesVersion: "current4/sv/00000000",
    });
    const text = textOf(valid(forged.card));
    assert.match(text, /Spelreglernas text har uppdaterats/);
    const kept = findAll(forged.card, "Input.ChoiceSet").find((i) => i.id === "attendance")!;
    assert.equal(kept.value, "onSite", "the answer is kept");
    const wrongMode = await bot.execute(a, "registration.submit", { ...base, attendance: "teleport" });
    assert.match(textOf(valid(wrongMode.card)), /Välj om du deltar/);
  });

  it("registers everyone with their mode; the organiser sees counts by mode and the CSV has mode and rules text", async () => {
    for (const p of people) {
      const submit = executeAction(await formOf(p, dialogueId), "registration.submit")!.data;
      const { card } = await bot.execute(p, "registration.submit", {
        ...submit,
        language: p.locale.slice(0, 2),
        attendance: p.attendance,
        acceptRules: "true",
      });
      assert.ok(executeAction(valid(card), "registration.cancel"), `${p.userName} registered`);
    }
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const text = textOf(valid(manage.card));
    assert.match(text, /On site \/ remote\n4 \/ 4/);
    assert.match(text, /Hybrid and accessible event \(IAP2: Consult\)/);
    assert.match(text, /Keep remote and on-site groups apart/);
    const csvUrl = String(
      findAll(manage.card, "Action.OpenUrl").find((x) => String(x.url).includes("registrants.csv"))!.url,
    );
    // The English-speaking organiser gets English headers and values (';'-separated: issue #27.13).
    const csv = await (await fetch(app.url + csvUrl.slice(PUBLIC_URL.length))).text();
    const [header, ...rows] = splitLikeExcel(csv, ";");
    assert.deepEqual(header!.slice(-2), ["Attendance", "Ground rules accepted"]);
    const rules = /^Erätauko ground rules \(current, 4 rules\) \((Finnish|Swedish), [0-9a-f]{8}\)$/;
    const onSite = rows.find((r) => r[0] === "Paikalla 0")!;
    assert.equal(onSite.at(-2), "On site");
    assert.equal(rules.exec(onSite.at(-1)!)?.[1], "Finnish");
    const remote = rows.find((r) => r[0] === "Etana 5")!;
    assert.equal(remote.at(-2), "Remotely (Teams)");
    assert.equal(rules.exec(remote.at(-1)!)?.[1], "Swedish");
  });

  it("the facilitator sets the group size (bad sizes refused) and groups form within each mode", async () => {
    const controls = await bot.execute(organiser, "round.controls", { dialogueId });
    assert.match(textOf(valid(controls.card)), /Group size\n3–6/);
    assert.ok(executeAction(controls.card, "round.groupSizes"));
    const bad = await bot.execute(organiser, "round.groupSizes", { dialogueId, minSize: "5", maxSize: "3" });
    assert.match(String(bad.message), /whole numbers from 2 to 25, the smallest not above the largest/);
    const huge = await bot.execute(organiser, "round.groupSizes", {
      dialogueId,
      minSize: "2",
      maxSize: "99",
    });
    assert.match(String(huge.message), /Nothing was changed/);
    const set = await bot.execute(organiser, "round.groupSizes", { dialogueId, minSize: "2", maxSize: "2" });
    assert.match(textOf(valid(set.card)), /Group size is now 2–2/);
    const formed = await bot.execute(organiser, "round.form", { dialogueId, round: 1 });
    const groups = findAll(valid(formed.card), "FactSet")
      .flatMap((f) => f.facts as { title: string; value: string }[])
      .filter((f) => /Paikalla|Etana/.test(f.value));
    assert.equal(groups.length, 4, "8 people in pairs");
    for (const g of groups) {
      const modes = new Set(g.value.match(/Paikalla|Etana/g));
      assert.equal(modes.size, 1, `${g.title} mixes on-site and remote: ${g.value}`);
    }
  });
});
