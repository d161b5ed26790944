import assert from "node:assert/strict";
import type { AttendancePlan, FacilitatorConsole } from "@dialogi/contracts";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { registerThroughBot, valid, type Actor } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import {
  confirmAttendance,
  ON_THE_DAY,
  panelCast,
  type PanelRefusal,
  REGISTRATION_OPEN,
  usePanelDialogue,
} from "./panel-dialogue";
import { cards, eventually, personalActivities, tableRows } from "../rounds/helpers";
import { waitFor } from "../../testing/outbox-fleet";

const { organiser, people, late } = panelCast("att", (i) => `Person${i} Test`, "Late Comer");

/**
 * The meeting side panel's attendance operations (`POST /api/meeting/dialogues/:id/markAbsent`
 * and `/addLateJoiner`): the same services and role checks as the bot's controls, and the same
 * confirm step — the plan first (`GET …/attendance-plan`, nothing changes), then the change for
 * that plan's version only (issue #27 item 2).
 */
describe("side panel API: absent people and late joiners", function () {
  this.timeout(60_000);
  const panel = usePanelDialogue(organiser, [...people, late], async (story) => {
    const { bot, dialogueId } = story;
    const register = (a: Actor, scribe: boolean) =>
      registerThroughBot(bot, a, dialogueId, { scribe: String(scribe) });
    for (const [i, a] of people.entries()) await register(a, i % 4 === 0);
    story.clock = new Date(ON_THE_DAY);
    for (const verb of ["round.startDialogue", "round.form"])
      valid((await bot.execute(organiser, verb, { dialogueId, round: 1 })).card);
    story.clock = new Date(REGISTRATION_OPEN);
    await register(late, false);
    story.clock = new Date(ON_THE_DAY);
    valid((await bot.execute(organiser, "round.start", { dialogueId, round: 1 })).card);
  });
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let dialogueId = "";
  before(() => ({ t, connector, dialogueId } = panel));

  const token = (oid = organiser.userId) => t.sso.mint({ oid, tid: SSO_TENANT });
  const post = async (op: string, body: unknown, oid = organiser.userId, lang = "fi") =>
    t.call<FacilitatorConsole & PanelRefusal>(`/api/meeting/dialogues/${dialogueId}/${op}`, {
      method: "POST",
      token: await token(oid),
      body,
      lang,
    });
  const plan = async (change: string, person: string, oid = organiser.userId, lang = "en") =>
    t.call<AttendancePlan & PanelRefusal>(
      `/api/meeting/dialogues/${dialogueId}/attendance-plan?change=${change}&person=${encodeURIComponent(person)}`,
      { token: await token(oid), lang },
    );
  const groups = async () =>
    (await tableRows(t.app, "Groups", dialogueId))
      .filter((r) => /^r01-g/.test(String(r.rowKey)))
      .map((r) => ({
        group: Number(r.group),
        members: JSON.parse(String(r.members)) as { userId: string; name: string }[],
        scribeId: r.scribeId,
      }));
  const storedPlan = async () =>
    (await tableRows(t.app, "Groups", dialogueId)).filter((r) => String(r.rowKey).startsWith("plan"));

  it("refuses a participant (403) the plan and the change, and bad requests (400), changing nothing", async () => {
    const before = await groups();
    const planBefore = await storedPlan();
    const someone = people[1]!.userId;
    const asked = await plan("markAbsent", someone, people[2]!.userId, "fi");
    assert.equal(asked.status, 403);
    assert.match(String(asked.body.message), /Vain dialogin ohjaajat/);
    // Even with the very version the facilitator was shown.
    const shown = await plan("markAbsent", someone);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    const refused = await post(
      "markAbsent",
      { person: someone, planVersion: shown.body.version },
      people[2]!.userId,
    );
    assert.equal(refused.status, 403);
    for (const body of [{}, { person: "" }, { person: 5 }]) {
      const bad = await post("addLateJoiner", body, organiser.userId, "sv");
      assert.equal(bad.status, 400, JSON.stringify(body));
    }
    for (const [change, person] of [
      ["moveSomewhere", someone],
      ["markAbsent", ""],
    ] as const)
      assert.equal((await plan(change, person)).status, 400, `${change} ${person}`);
    const unknown = await plan("markAbsent", "aad-nobody");
    assert.equal(unknown.status, 409);
    assert.match(String(unknown.body.message), /not in the groups/);
    assert.deepEqual(await groups(), before);
    assert.deepEqual(await storedPlan(), planBefore, "the stored plan is untouched");
  });

  it("the plan says who moves where and changes nothing; only its version applies it", async () => {
    const row = (await groups()).find((g) => g.scribeId)!;
    const oldScribe = String(row.scribeId);
    const name = row.members.find((m) => m.userId === oldScribe)!.name;
    const before = await groups();
    const planBefore = await storedPlan();
    // Earlier messages (confirmations, round 1's cards) leave through the outbox: count from
    // the moment every one of them was worked, so that only what this preview sends would count.
    await waitFor(
      "the dialogue's earlier messages to leave the outbox",
      async () => (await t.app.app.outbox.outbox.deliveries(dialogueId)).every((r) => r.status !== "pending"),
      15_000,
    );
    const from = connector.calls.length;

    const shown = await plan("markAbsent", oldScribe);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    assert.equal(shown.body.round, 1);
    assert.deepEqual(shown.body.moves, [{ name, fromGroup: row.group }]);
    assert.ok(
      shown.body.lines.includes(`${name} leaves group ${row.group} of round 1.`),
      shown.body.lines.join("\n"),
    );
    assert.ok(shown.body.lines.includes("Nobody else in round 1 changes group."));
    const sv = await plan("markAbsent", oldScribe, organiser.userId, "sv");
    assert.equal(sv.body.version, shown.body.version, "the same plan, in Swedish");
    assert.match(sv.body.lines[0]!, new RegExp(`^${name} lämnar grupp ${row.group}`));
    assert.deepEqual(shown.body.belowMin, [], `group ${row.group} keeps the minimum (remote: 3)`);

    // Without the plan's version nothing is applied: the plan comes back to be confirmed.
    const unconfirmed = await post("markAbsent", { person: oldScribe });
    assert.equal(unconfirmed.status, 409);
    assert.equal(unconfirmed.body.error, "planChanged");
    assert.equal(unconfirmed.body.current?.version, shown.body.version);
    assert.deepEqual(await groups(), before, "previewing and an unconfirmed change leave the groups");
    assert.deepEqual(await storedPlan(), planBefore);
    assert.equal(connector.calls.length, from, "nobody was told anything");

    const res = await post("markAbsent", { person: oldScribe, planVersion: shown.body.version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.role, "facilitator");
    const after = await groups();
    assert.ok(after.every((g) => g.members.every((m) => m.userId !== oldScribe)));
    const replaced = after.find((g) => g.group === row.group)!;
    const newScribe = String(replaced.scribeId);
    assert.ok(newScribe && newScribe !== oldScribe);
    for (const g of after.filter((x) => x.group !== row.group))
      assert.deepEqual(
        g,
        before.find((b) => b.group === g.group),
        "the other groups stay as they were",
      );
    await eventually(
      "new scribe's cards",
      () => cards(personalActivities(connector, newScribe, from)).length >= 2,
    );
    const audit = (await tableRows(t.app, "Dialogues", dialogueId)).filter((r) =>
      String(r.rowKey).startsWith("audit-"),
    );
    assert.ok(audit.some((r) => r.action === "console.markAbsent" && r.byId === organiser.userId));
  });

  it("a plan made stale by another change answers 409 with the new plan; the new one applies", async () => {
    const lateShown = await plan("addLateJoiner", late.userId);
    assert.equal(lateShown.status, 200, JSON.stringify(lateShown.body));
    // Meanwhile another device marks someone absent from the smallest group, which falls below the minimum.
    const small = (await groups()).sort((a, b) => a.members.length - b.members.length)[0]!;
    assert.equal(small.members.length, 3, "the fixture: a group at the minimum");
    const other = small.members.find((m) => m.userId !== small.scribeId)!;
    const warned = await plan("markAbsent", other.userId);
    assert.deepEqual(warned.body.belowMin, [{ group: small.group, size: 2, minSize: 3 }]);
    assert.ok(
      warned.body.lines.includes(
        `Group ${small.group} then has 2 people, fewer than the minimum 3: you can keep it or move its members into other groups.`,
      ),
      warned.body.lines.join("\n"),
    );
    const absent = await confirmAttendance(t, dialogueId, "markAbsent", other.userId, await token());
    assert.equal(absent.status, 200, JSON.stringify(absent.body));
    const before = await groups();
    const planBefore = await storedPlan();

    const stale = await post(
      "addLateJoiner",
      { person: late.userId, planVersion: lateShown.body.version },
      organiser.userId,
      "en",
    );
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error, "planChanged");
    assert.match(String(stale.body.message), /changed meanwhile/);
    const fresh = stale.body.current!;
    assert.equal(fresh.change, "addLateJoiner");
    assert.notEqual(fresh.version, lateShown.body.version);
    assert.ok(
      fresh.lines.some((l) => l.startsWith("Late Comer joins group")),
      fresh.lines.join("\n"),
    );
    assert.deepEqual(await groups(), before, "nothing changed");
    assert.deepEqual(await storedPlan(), planBefore);

    const sizes = before.map((g) => g.members.length);
    const from = connector.calls.length;
    const res = await post("addLateJoiner", { person: late.userId, planVersion: fresh.version });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const target = (await groups()).find((g) => g.members.some((m) => m.userId === late.userId))!;
    assert.equal(target.members.length, Math.min(...sizes) + 1);
    assert.deepEqual(
      fresh.moves,
      [{ name: "Late Comer", toGroup: target.group }],
      "the plan shown is what happened",
    );
    await eventually(
      "late joiner's card",
      () => cards(personalActivities(connector, late.userId, from)).length >= 1,
    );
    const again = await plan("addLateJoiner", late.userId);
    assert.equal(again.status, 409);
  });

  it("a group below the minimum: the console offers keep / move; moving shows its plan first; participants 403", async () => {
    const small = (await groups()).sort((a, b) => a.members.length - b.members.length)[0]!;
    assert.equal(small.members.length, 3, "the fixture: a group at the minimum");
    const leaving = small.members.find((m) => m.userId !== small.scribeId)!;
    const absent = await confirmAttendance(t, dialogueId, "markAbsent", leaving.userId, await token());
    assert.equal(absent.status, 200, JSON.stringify(absent.body));
    assert.deepEqual(absent.body.smallGroups, [{ group: small.group, size: 2, minSize: 3, canMove: true }]);

    const participant = people.find((p) => p.userId !== leaving.userId)!.userId;
    const refusedPlan = await t.call<PanelRefusal>(
      `/api/meeting/dialogues/${dialogueId}/attendance-plan?change=dissolveGroup&group=${small.group}`,
      { token: await token(participant), lang: "en" },
    );
    assert.equal(refusedPlan.status, 403);
    assert.equal((await post("keepGroup", { group: small.group }, participant)).status, 403);
    const before = await groups();

    const shown = await t.call<AttendancePlan>(
      `/api/meeting/dialogues/${dialogueId}/attendance-plan?change=dissolveGroup&group=${small.group}`,
      { token: await token(), lang: "en" },
    );
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    assert.equal(shown.body.group, small.group);
    const stay = before.find((g) => g.group === small.group)!.members.map((m) => m.name);
    assert.deepEqual(
      shown.body.moves.map((m) => [m.name, m.fromGroup]).sort(),
      stay.map((n) => [n, small.group]).sort(),
    );
    for (const m of shown.body.moves)
      assert.ok(
        shown.body.lines.includes(`${m.name} moves from group ${small.group} to group ${m.toGroup}.`),
      );
    assert.equal(
      (await post("dissolveGroup", { group: small.group, planVersion: shown.body.version }, participant))
        .status,
      403,
    );
    assert.deepEqual(await groups(), before, "previewing and refusals change nothing");

    const moved = await post("dissolveGroup", { group: small.group, planVersion: shown.body.version });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const after = await groups();
    assert.ok(!after.some((g) => g.group === small.group), "the group closed");
    for (const m of shown.body.moves)
      assert.ok(
        after.find((g) => g.group === m.toGroup)!.members.some((x) => x.name === m.name),
        `${m.name} moved as shown`,
      );
    assert.deepEqual(moved.body.smallGroups, []);
    assert.equal((await post("keepGroup", { group: small.group })).status, 409, "nothing left to keep");
  });
});
