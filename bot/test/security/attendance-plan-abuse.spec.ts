import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { AttendancePlan, FacilitatorConsole } from "@dialogi/contracts";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { OTHER_TENANT, SSO_TENANT } from "../../testing/sso";
import { waitFor } from "../../testing/outbox-fleet";
import { cardOf, executeAction, valid, type Actor } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import {
  panelCast,
  startPanelDialogue,
  type PanelDialogue,
  type PanelRefusal,
} from "../facilitator/panel-dialogue";
import { personalActivities, tableRows } from "../rounds/helpers";
import { formInputs } from "../rounds/flow/story";

const { organiser, people, late } = panelCast("atk", (i) => `Anna${i} Attack`, "Late Attack");
const otherOrganiser: Actor = { ...organiser, userId: "aad-atk-b-organiser", userName: "Bea Other" };
const NAMES = [...people.map((p) => p.userName), late.userName];

/**
 * The side panel's attendance plan (`GET …/attendance-plan`) and its apply (`POST …/:op` with
 * `planVersion`), and the panel's broadcast, as an attacker uses them: malformed, oversized and
 * confused inputs, another dialogue's or tenant's ids, forged and foreign plan versions, and the
 * same change or message twice at once. Every refusal is a clear 4xx that names nobody, changes
 * no group and sends nothing; a double submit applies (and tells people) once.
 */
describe("security: the side panel's attendance plan and broadcast under attack", function () {
  this.timeout(90_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let bot: PanelDialogue["bot"];
  let clock = new Date("2030-03-01T08:00:00Z");
  let dialogueId = "";
  let otherDialogueId = "";

  const token = (oid = organiser.userId, tid = SSO_TENANT) => t.sso.mint({ oid, tid });
  const planPath = (id: string, query: string) => `/api/meeting/dialogues/${id}/attendance-plan?${query}`;
  const getPlan = async (query: string, o: { id?: string; oid?: string; tid?: string } = {}) =>
    t.call<AttendancePlan & PanelRefusal>(planPath(o.id ?? dialogueId, query), {
      token: await token(o.oid, o.tid),
    });
  const post = async (op: string, body: unknown, o: { id?: string; oid?: string; tid?: string } = {}) =>
    t.call<FacilitatorConsole & PanelRefusal>(`/api/meeting/dialogues/${o.id ?? dialogueId}/${op}`, {
      method: "POST",
      token: await token(o.oid, o.tid),
      body,
    });
  const groups = async (id = dialogueId) =>
    (await tableRows(t.app, "Groups", id))
      .filter((r) => /^r01-g/.test(String(r.rowKey)))
      .map((r) => ({
        group: Number(r.group),
        members: JSON.parse(String(r.members)) as { userId: string; name: string }[],
        scribeId: r.scribeId,
      }))
      .sort((a, b) => a.group - b.group);
  const storedPlan = async (id = dialogueId) =>
    (await tableRows(t.app, "Groups", id)).filter((r) => String(r.rowKey).startsWith("plan"));
  /** The dialogue's outbox worked off, so a "nothing was sent" count cannot race earlier messages. */
  const quiet = async () => {
    await waitFor(
      "the dialogues' earlier messages to leave the outbox",
      async () =>
        [
          ...(await t.app.app.outbox.outbox.deliveries(dialogueId)),
          ...(await t.app.app.outbox.outbox.deliveries(otherDialogueId)),
        ].every((r) => r.status !== "pending"),
      15_000,
    );
    // Messages filed elsewhere (a registrant's own confirmation) may still be leaving: wait until
    // the connector has seen no new call for about a second before taking the baseline.
    let last = -1;
    for (let stable = 0, i = 0; stable < 3 && i < 50; i++) {
      const n = connector.calls.length;
      stable = n === last ? stable + 1 : 0;
      last = n;
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  /** A refusal names nobody and carries no plan. */
  const leaksNothing = (body: unknown, what: string) => {
    const text = JSON.stringify(body ?? "");
    for (const n of NAMES) assert.ok(!text.includes(n), `${what} names ${n}: ${text}`);
    assert.ok(!/"(lines|moves|version|current)"/.test(text), `${what} carries a plan: ${text}`);
  };

  async function runningDialogue(owner: Actor, id: string) {
    for (const [i, a] of people.entries())
      valid(
        (
          await bot.execute(a, "registration.submit", {
            dialogueId: id,
            language: "fi",
            organisation: "Kela",
            background: "resident",
            scribe: String(i % 4 === 0),
            acceptRules: "true",
          })
        ).card,
      );
    clock = new Date("2030-03-25T07:25:00Z");
    for (const verb of ["round.startDialogue", "round.form", "round.start"])
      valid((await bot.execute(owner, verb, { dialogueId: id, round: 1 })).card);
    clock = new Date("2030-03-01T08:00:00Z");
  }

  before(async () => {
    ({ t, connector, bot, dialogueId } = await startPanelDialogue(
      organiser,
      [...people, late, otherOrganiser],
      () => clock,
    ));
    const [form] = await bot.say(otherOrganiser, "uusi dialogi");
    const create = executeAction(cardOf(form), "dialogue.create")!;
    const created = await bot.execute(otherOrganiser, "dialogue.create", { ...create.data, ...formInputs });
    otherDialogueId = String(executeAction(valid(created.card), "dialogue.edit")!.data.dialogueId);
    await runningDialogue(organiser, dialogueId);
    await runningDialogue(otherOrganiser, otherDialogueId);
    clock = new Date("2030-03-25T07:30:00Z");
  });
  after(async () => {
    await t?.close();
    await connector?.close();
  });

  it("malformed, oversized, confused and duplicated query values are 400, changing and sending nothing", async () => {
    await quiet();
    const before = await groups();
    const planBefore = await storedPlan();
    const calls = connector.calls.length;
    const someone = encodeURIComponent(people[1]!.userId);
    const bad = [
      "",
      `person=${someone}`,
      `change=markAbsent`,
      `change=__proto__&person=${someone}`,
      `change=constructor&person=${someone}`,
      `change=markAbsent&change=addLateJoiner&person=${someone}`,
      `change=markAbsent&person=${someone}&person=${someone}`,
      `change[]=markAbsent&person=${someone}`,
      `change=markAbsent&person[]=${someone}`,
      `change=markAbsent&person[a]=${someone}`,
      `change=markAbsent&person=${"x".repeat(101)}`,
      `change=markAbsent&person=${"x".repeat(6000)}`,
      `change=markAbsent&person=%20%20`,
      `change=markAbsent&person=a%00b`,
      `change=markAbsent&person=${someone}%0A`,
      `change=markAbsent&person=${someone}%E2%80%8B`,
      `change=markAbsent&person=%E2%80%AE${someone}`,
      `change=markAbsent&person=a%2Fb`,
      `change=markAbsent&person=a%5Cb`,
      `change=markAbsent&person=a%23b`,
      `change=markAbsent&person=a%3Fb`,
      `change=dissolveGroup&group=0`,
      `change=dissolveGroup&group=-1`,
      `change=dissolveGroup&group=1.5`,
      `change=dissolveGroup&group=0x1`,
      `change=dissolveGroup&group=1e0`,
      `change=dissolveGroup&group=%201`,
      `change=dissolveGroup&group=99999999999999999999`,
      `change=dissolveGroup&group=1&group=2`,
      `change=dissolveGroup`,
    ];
    for (const q of bad) {
      const res = await getPlan(q);
      assert.equal(
        res.status,
        400,
        `${q.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
      );
      assert.equal(res.body.error, "invalid");
      leaksNothing(res.body, q.slice(0, 60));
    }
    // The same on the apply, with the body's types confused.
    const version = (await getPlan(`change=markAbsent&person=${someone}`)).body.version;
    assert.ok(version);
    for (const body of [
      { person: [people[1]!.userId], planVersion: version },
      { person: { toString: people[1]!.userId }, planVersion: version },
      { person: `${people[1]!.userId}\u0000`, planVersion: version },
      { person: `${people[1]!.userId}\u200b`, planVersion: version },
      { person: people[1]!.userId, planVersion: [version] },
      { person: people[1]!.userId, planVersion: { v: version } },
      { person: people[1]!.userId, planVersion: 42 },
      { person: people[1]!.userId, planVersion: "x".repeat(10_000) },
    ]) {
      const res = await post("markAbsent", body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
      leaksNothing(res.body, JSON.stringify(body).slice(0, 60));
    }
    assert.deepEqual(await groups(), before, "no group changed");
    assert.deepEqual(await storedPlan(), planBefore, "the stored plan is untouched");
    assert.equal(connector.calls.length, calls, "nothing was sent");
  });

  it("another dialogue's, another tenant's and a participant's requests are 403/404, naming nobody", async () => {
    await quiet();
    const before = await groups();
    const otherBefore = await groups(otherDialogueId);
    const calls = connector.calls.length;
    const someone = people[1]!.userId;
    const q = `change=markAbsent&person=${encodeURIComponent(someone)}`;
    const shown = await getPlan(q);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));

    const refusals: [string, { status: number; body: unknown }, number[]][] = [
      ["a participant's plan", await getPlan(q, { oid: people[2]!.userId }), [403]],
      [
        "a participant's apply",
        await post(
          "markAbsent",
          { person: someone, planVersion: shown.body.version },
          { oid: people[2]!.userId },
        ),
        [403],
      ],
      ["the other dialogue's organiser's plan", await getPlan(q, { oid: otherOrganiser.userId }), [403]],
      [
        "the other dialogue's organiser's apply",
        await post(
          "markAbsent",
          { person: someone, planVersion: shown.body.version },
          { oid: otherOrganiser.userId },
        ),
        [403],
      ],
      // The organiser's very object id, signed in from another tenant.
      ["another tenant's plan", await getPlan(q, { tid: OTHER_TENANT }), [403, 404]],
      [
        "another tenant's apply",
        await post("markAbsent", { person: someone, planVersion: shown.body.version }, { tid: OTHER_TENANT }),
        [403, 404],
      ],
      ["an unknown dialogue", await getPlan(q, { id: randomUUID() }), [404]],
      ["a dialogue id with key characters", await getPlan(q, { id: "a%2F..%2Fb" }), [404]],
      ["a dialogue id with a control character", await getPlan(q, { id: "abc%00def" }), [404]],
    ];
    for (const [what, res, statuses] of refusals) {
      assert.ok(statuses.includes(res.status), `${what}: ${res.status} ${JSON.stringify(res.body)}`);
      leaksNothing(res.body, what);
    }
    assert.deepEqual(await groups(), before);
    assert.deepEqual(await groups(otherDialogueId), otherBefore);
    assert.equal(connector.calls.length, calls, "nothing was sent");
  });

  it("a forged plan version or another dialogue's applies nothing (409 with this dialogue's plan)", async () => {
    await quiet();
    const someone = people[1]!.userId;
    const q = `change=markAbsent&person=${encodeURIComponent(someone)}`;
    const mine = await getPlan(q);
    // The other dialogue's plan for the same person, asked by its own organiser.
    const theirs = await getPlan(q, { id: otherDialogueId, oid: otherOrganiser.userId });
    assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
    assert.notEqual(theirs.body.version, mine.body.version);
    const before = await groups();
    const planBefore = await storedPlan();
    const calls = connector.calls.length;
    for (const planVersion of [
      theirs.body.version,
      `${mine.body.version}x`,
      mine.body.version.replace(/#.*$/, "#9r"),
      mine.body.version.replace(/r$/, "n"),
      `W/"datetime'2030-03-25T07%3A25%3A00.0000000Z'"#1r`,
      "",
    ]) {
      const res = await post("markAbsent", { person: someone, planVersion });
      assert.equal(res.status, 409, `${planVersion} → ${res.status}`);
      assert.equal(res.body.error, "planChanged");
      assert.equal(res.body.current?.version, mine.body.version, "this dialogue's own plan comes back");
    }
    assert.deepEqual(await groups(), before);
    assert.deepEqual(await storedPlan(), planBefore);
    assert.equal(connector.calls.length, calls, "nothing was sent");
  });

  it("the same change applied twice at once applies once and tells each person once", async () => {
    await quiet();
    const before = await groups();
    const g = before.find((x) => x.members.length > 3)!;
    const leaving = g.members.find((m) => m.userId !== g.scribeId)!;
    const q = `change=markAbsent&person=${encodeURIComponent(leaving.userId)}`;
    const shown = await getPlan(q);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    const from = connector.calls.length;
    const both = await Promise.all([
      post("markAbsent", { person: leaving.userId, planVersion: shown.body.version }),
      post("markAbsent", { person: leaving.userId, planVersion: shown.body.version }),
    ]);
    // One saves; the other finds its own change saved and finishes it (idempotently) or is refused.
    for (const r of both) assert.ok([200, 409, 503].includes(r.status), `${r.status}`);
    assert.ok(both.some((r) => r.status === 200));
    const after = await groups();
    const stays = after.find((x) => x.group === g.group)!;
    assert.equal(stays.members.length, g.members.length - 1);
    assert.ok(after.every((x) => x.members.every((m) => m.userId !== leaving.userId)));
    await quiet();
    for (const m of stays.members) {
      const got = personalActivities(connector, m.userId, from).length;
      assert.equal(got, 1, `${m.name} got their updated group card once (${got})`);
    }
    const rows = (await t.app.app.outbox.outbox.deliveries(dialogueId)).filter(
      (r) => r.label === "groupCard" && r.decisionKey.startsWith("attendance|"),
    );
    assert.equal(rows.length, stays.members.length, "one set of rows");
    // The same version again finishes nothing new: no group changes, nobody is told again.
    const again = await post("markAbsent", { person: leaving.userId, planVersion: shown.body.version });
    assert.ok([200, 409].includes(again.status), `${again.status}`);
    assert.deepEqual(await groups(), after);
    await quiet();
    for (const m of stays.members) assert.equal(personalActivities(connector, m.userId, from).length, 1);
  });

  it("a change whose request dies after the plan's save is finished by its retry, telling people once", async () => {
    await quiet();
    const console = await t.call<FacilitatorConsole>(`/api/meeting/dialogues/${dialogueId}`, {
      token: await token(),
    });
    const joiner = console.body.lateJoinerChoices[0]!.id;
    const q = `change=addLateJoiner&person=${encodeURIComponent(joiner)}`;
    const shown = await getPlan(q);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    const target = shown.body.moves[0]!.toGroup!;
    const before = await groups();
    // The process dies right after the plan's transaction: the group rows are never written.
    const table = t.app.app.store.table("Groups");
    const original = table.submitTransaction.bind(table);
    let saves = 0;
    table.submitTransaction = async (actions) => {
      if (saves++ === 1) throw new Error("killed after the plan's save");
      return original(actions);
    };
    const from = connector.calls.length;
    let died: Awaited<ReturnType<typeof post>>;
    try {
      died = await post("addLateJoiner", { person: joiner, planVersion: shown.body.version });
    } finally {
      table.submitTransaction = original;
    }
    assert.equal(died.status, 500, JSON.stringify(died.body));
    assert.deepEqual(await groups(), before, "the groups were not written");

    // The panel retries the very request: the change is finished, not refused as stale.
    const retry = await post("addLateJoiner", { person: joiner, planVersion: shown.body.version });
    assert.equal(retry.status, 200, JSON.stringify(retry.body));
    const after = await groups();
    assert.ok(after.find((g) => g.group === target)!.members.some((m) => m.userId === joiner));
    await quiet();
    const told = after.find((g) => g.group === target)!.members.map((m) => m.userId);
    for (const id of told) assert.equal(personalActivities(connector, id, from).length, 1, `${id} told once`);
    // And once more, now that it is finished: refused as before (already placed), nothing new.
    const again = await post("addLateJoiner", { person: joiner, planVersion: shown.body.version });
    assert.equal(again.status, 409, JSON.stringify(again.body));
    await quiet();
    for (const id of told)
      assert.equal(personalActivities(connector, id, from).length, 1, `${id} still once`);
    assert.deepEqual(await groups(), after);
  });

  it("the same broadcast twice at once sends one message per person; malformed ones are 400", async () => {
    await quiet();
    const requestId = randomUUID();
    const members = (await groups()).flatMap((g) => g.members.map((m) => m.userId));
    const from = connector.calls.length;
    const text = "Viisi minuuttia jäljellä";
    const both = await Promise.all([
      post("broadcast", { round: 1, text, requestId }),
      post("broadcast", { round: 1, text, requestId }),
    ]);
    for (const r of both) assert.equal(r.status, 200, JSON.stringify(r.body));
    await quiet();
    const told = (id: string, words: string) =>
      personalActivities(connector, id, from).filter((a) => JSON.stringify(a).includes(words)).length;
    for (const id of members) assert.equal(told(id, text), 1, `${id} got the broadcast once`);

    // The same id with other words is that new message (an edited retry), sent once; the first
    // words are not sent again.
    const edited = "Kirjuri kokoaa ajatukset nyt";
    const reused = await Promise.all([
      post("broadcast", { round: 1, text: edited, requestId }),
      post("broadcast", { round: 1, text: edited, requestId }),
    ]);
    for (const r of reused) assert.equal(r.status, 200, JSON.stringify(r.body));
    await quiet();
    for (const id of members) {
      assert.equal(told(id, edited), 1, `${id} got the edited message once`);
      assert.equal(told(id, text), 1, `${id} did not get the first words again`);
    }
    const calls = connector.calls.length;
    for (const body of [
      { round: 1, text, requestId: [requestId] },
      { round: 1, text, requestId: "abc/def#ghi" },
      { round: 1, text, requestId: `${requestId}\u200b` },
      { round: 1, text: [text], requestId: randomUUID() },
      { round: 1, text: "x".repeat(1001), requestId: randomUUID() },
      { round: 1, text: "a\u0000b", requestId: randomUUID() },
      { round: "1", text, requestId: randomUUID() },
    ]) {
      const res = await post("broadcast", body);
      assert.equal(res.status, 400, `${JSON.stringify(body).slice(0, 80)} → ${res.status}`);
    }
    // A participant knowing the id gets nowhere either.
    assert.equal(
      (await post("broadcast", { round: 1, text, requestId }, { oid: people[2]!.userId })).status,
      403,
    );
    await quiet();
    assert.equal(connector.calls.length, calls, "nothing more was sent");
  });
});
