import assert from "node:assert/strict";
import type { FacilitatorConsole } from "@dialogi/contracts";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { valid, type Actor } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import { panelCast, startPanelDialogue, type PanelDialogue } from "./panel-dialogue";
import { cards, eventually, personalActivities, tableRows } from "../rounds/helpers";

const { organiser, people, late } = panelCast("att", (i) => `Person${i} Test`, "Late Comer");

/**
 * The meeting side panel's attendance operations (`POST /api/meeting/dialogues/:id/markAbsent`
 * and `/addLateJoiner`): the same services and role checks as the bot's controls.
 */
describe("side panel API: absent people and late joiners", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let clock = new Date("2030-03-01T08:00:00Z");
  let dialogueId = "";
  let bot: PanelDialogue["bot"];

  before(async () => {
    ({ t, connector, bot, dialogueId } = await startPanelDialogue(organiser, [...people, late], () => clock));
    const register = async (a: Actor, scribe: boolean) =>
      valid(
        (
          await bot.execute(a, "registration.submit", {
            dialogueId,
            language: "fi",
            organisation: "Kela",
            background: "resident",
            scribe: String(scribe),
            acceptRules: "true",
          })
        ).card,
      );
    for (const [i, a] of people.entries()) await register(a, i % 4 === 0);
    clock = new Date("2030-03-25T07:25:00Z");
    for (const verb of ["round.startDialogue", "round.form"])
      valid((await bot.execute(organiser, verb, { dialogueId, round: 1 })).card);
    clock = new Date("2030-03-01T08:00:00Z");
    await register(late, false);
    clock = new Date("2030-03-25T07:25:00Z");
    valid((await bot.execute(organiser, "round.start", { dialogueId, round: 1 })).card);
  });
  after(async () => {
    await t?.close();
    await connector?.close();
  });

  const post = async (op: string, body: unknown, oid = organiser.userId, lang = "fi") =>
    t.call<FacilitatorConsole & { error?: string; message?: string }>(
      `/api/meeting/dialogues/${dialogueId}/${op}`,
      {
        method: "POST",
        token: await t.sso.mint({ oid, tid: SSO_TENANT }),
        body,
        lang,
      },
    );
  const groups = async () =>
    (await tableRows(t.app, "Groups", dialogueId))
      .filter((r) => /^r01-g/.test(String(r.rowKey)))
      .map((r) => ({ members: JSON.parse(String(r.members)) as { userId: string }[], scribeId: r.scribeId }));

  it("refuses a participant (403) and bad bodies (400), changing nothing", async () => {
    const before = await groups();
    const refused = await post("markAbsent", { person: people[1]!.userId }, people[2]!.userId);
    assert.equal(refused.status, 403);
    assert.match(String(refused.body.message), /Vain dialogin ohjaajat/);
    for (const body of [{}, { person: "" }, { person: 5 }]) {
      const bad = await post("addLateJoiner", body, organiser.userId, "sv");
      assert.equal(bad.status, 400, JSON.stringify(body));
    }
    const unknown = await post("markAbsent", { person: "aad-nobody" }, organiser.userId, "en");
    assert.equal(unknown.status, 409);
    assert.match(String(unknown.body.message), /not in the groups/);
    assert.deepEqual(await groups(), before);
  });

  it("marks a scribe absent: a new scribe is chosen and gets their card; answers with the console", async () => {
    const row = (await groups()).find((g) => g.scribeId)!;
    const oldScribe = String(row.scribeId);
    const from = connector.calls.length;
    const res = await post("markAbsent", { person: oldScribe });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.role, "facilitator");
    const after = await groups();
    assert.ok(after.every((g) => g.members.every((m) => m.userId !== oldScribe)));
    const replaced = after.find((g) =>
      row.members.some((m) => m.userId !== oldScribe && g.members.some((x) => x.userId === m.userId)),
    )!;
    const newScribe = String(replaced.scribeId);
    assert.ok(newScribe && newScribe !== oldScribe);
    await eventually(
      "new scribe's cards",
      () => cards(personalActivities(connector, newScribe, from)).length >= 2,
    );
    const audit = (await tableRows(t.app, "Dialogues", dialogueId)).filter((r) =>
      String(r.rowKey).startsWith("audit-"),
    );
    assert.ok(audit.some((r) => r.action === "console.markAbsent" && r.byId === organiser.userId));
  });

  it("adds a late joiner to a smallest group; they get their group card", async () => {
    const sizes = (await groups()).map((g) => g.members.length);
    const from = connector.calls.length;
    const res = await post("addLateJoiner", { person: late.userId });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const target = (await groups()).find((g) => g.members.some((m) => m.userId === late.userId))!;
    assert.equal(target.members.length, Math.min(...sizes) + 1);
    await eventually(
      "late joiner's card",
      () => cards(personalActivities(connector, late.userId, from)).length >= 1,
    );
    const again = await post("addLateJoiner", { person: late.userId });
    assert.equal(again.status, 409);
  });
});
