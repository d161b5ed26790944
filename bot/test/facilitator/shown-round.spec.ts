import assert from "node:assert/strict";
import type { FacilitatorConsole } from "@dialogi/contracts";
import { createNoteRepository } from "../../src/features/rounds/store/note-repository";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { driver, registerThroughBot } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import { confirmAttendance, panelCast, usePanelDialogue } from "./panel-dialogue";
import { tableRows } from "../rounds/helpers";

const { organiser, people, late } = panelCast("shown", (i) => `Shown${i} Person`, "Late Shown");

type Console = FacilitatorConsole & { error?: string; message?: string };

/**
 * Which round's groups the side panel shows (`groupsRound`, `groupsStatus`) through a whole
 * two-round dialogue (the story agenda has two breakout rounds), and that the attendance
 * operations change exactly the groups shown — between rounds the next round's, never the
 * round that has ended.
 */
describe("side panel API: the round shown — before, during, between and after the rounds", function () {
  this.timeout(60_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let dialogueId = "";

  const panel = usePanelDialogue(organiser, [...people, late], async ({ bot, dialogueId }) => {
    for (const [i, a] of people.entries())
      await registerThroughBot(bot, a, dialogueId, {
        organisation: i % 2 ? "Kela" : "Vero",
        scribe: String(i % 4 === 0),
      });
  });
  before(() => ({ t, connector, dialogueId } = panel));

  const token = () => t.sso.mint({ oid: organiser.userId, tid: SSO_TENANT });
  const get = async () =>
    (await t.call<Console>(`/api/meeting/dialogues/${dialogueId}`, { token: await token() })).body;
  const post = async (op: string, body: unknown = {}) => {
    const res = await t.call<Console>(`/api/meeting/dialogues/${dialogueId}/${op}`, {
      method: "POST",
      token: await token(),
      body,
      lang: "en",
    });
    return res;
  };
  /** Members of each group of `round` as stored (the source of truth the panel must mirror). */
  const stored = async (round: number) =>
    (await tableRows(t.app, "Groups", dialogueId))
      .filter((r) => String(r.rowKey).startsWith(`r${String(round).padStart(2, "0")}-g`))
      .map((r) => (JSON.parse(String(r.members)) as { userId: string }[]).map((m) => m.userId).sort())
      .sort();
  const shown = (c: FacilitatorConsole) => c.groups.map((g) => g.members.map((m) => m.id).sort()).sort();
  const hasCounts = (c: FacilitatorConsole) => c.groups.map((g) => typeof g.notes === "number");

  it("before the first round: round 1's groups once formed, starting next, with no note counts", async () => {
    const none = await get();
    assert.deepEqual([none.groupsRound, none.groupsStatus, none.groups.length], [0, "none", 0]);
    panel.clock = new Date("2030-03-25T07:25:00Z");
    assert.equal((await post("startDialogue")).status, 200);
    const formed = await post("form");
    assert.equal(formed.status, 200, JSON.stringify(formed.body));
    assert.equal(formed.body.groupsRound, 1);
    assert.equal(formed.body.groupsStatus, "next");
    assert.ok((await stored(2)).length > 0, "the agenda's two rounds are both formed");
    assert.deepEqual(shown(formed.body), await stored(1));
    assert.deepEqual(
      hasCounts(formed.body),
      formed.body.groups.map(() => false),
      "no counts before a round",
    );
  });

  it("while round 1 runs: its groups with their note counts", async () => {
    const started = await post("startRound", { round: 1 });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const notes = createNoteRepository(t.app.app.store.table("Notes"), {
      chunk: (x) => [x],
      join: (c) => c.join(""),
    });
    await notes.save(
      {
        dialogueId,
        round: 1,
        group: 1,
        noteId: "n-shown-1",
        text: "Ensimmäisen kierroksen ajatus",
        themes: [],
        insights: "",
        savedAt: panel.clock,
      },
      "scribes",
    );
    const c = await get();
    assert.deepEqual([c.round, c.running, c.groupsRound, c.groupsStatus], [1, true, 1, "running"]);
    assert.deepEqual(shown(c), await stored(1));
    assert.deepEqual(
      c.groups.map((g) => g.notes),
      c.groups.map((g) => (g.group === 1 ? 1 : 0)),
    );
  });

  it("between rounds: round 2's groups, starting next, no counts; attendance changes round 2, not round 1", async () => {
    const ended = await post("endRound", { round: 1 });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    const c = ended.body;
    assert.deepEqual([c.round, c.running, c.groupsRound, c.groupsStatus], [1, false, 2, "next"]);
    const round2 = await stored(2);
    assert.notDeepEqual(
      round2,
      await stored(1),
      "the rounds' groups differ, so the test can tell them apart",
    );
    assert.deepEqual(shown(c), round2);
    assert.deepEqual(
      hasCounts(c),
      c.groups.map(() => false),
      "round 1's note count is not shown as round 2's",
    );

    const round1 = await stored(1);
    const absent = c.groups[0]!.members[0]!.id;
    const marked = await confirmAttendance(t, dialogueId, "markAbsent", absent, await token(), "en");
    assert.equal(marked.status, 200, JSON.stringify(marked.body));
    assert.equal(marked.body.groupsRound, 2);
    assert.ok(!shown(marked.body).flat().includes(absent), "gone from the groups shown");
    assert.ok(!(await stored(2)).flat().includes(absent), "gone from round 2");
    assert.deepEqual(await stored(1), round1, "the ended round is left as it was held");
    assert.deepEqual(
      marked.body.lateJoinerChoices.map((p) => p.id),
      [absent],
      "the absent person may rejoin",
    );

    panel.clock = new Date("2030-03-01T08:00:00Z"); // registration closes before the day
    await registerThroughBot(driver(t.app, connector), late, dialogueId);
    panel.clock = new Date("2030-03-25T08:00:00Z");
    assert.ok((await get()).lateJoinerChoices.some((p) => p.id === late.userId));
    const added = await confirmAttendance(t, dialogueId, "addLateJoiner", late.userId, await token(), "en");
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.ok(shown(added.body).flat().includes(late.userId), "in a group shown");
    assert.ok((await stored(2)).flat().includes(late.userId), "in round 2");
    assert.deepEqual(await stored(1), round1, "not added to the ended round");
    assert.ok(!added.body.lateJoinerChoices.some((p) => p.id === late.userId));
    assert.deepEqual(shown(added.body), await stored(2), "the panel mirrors round 2 as stored");
  });

  it("after the last round and after the end: the last round's groups, ended, with counts; no attendance", async () => {
    assert.equal((await post("startRound", { round: 2 })).status, 200);
    const running = await get();
    assert.deepEqual([running.groupsRound, running.groupsStatus], [2, "running"]);
    const last = await post("endRound", { round: 2 });
    assert.equal(last.status, 200, JSON.stringify(last.body));
    assert.deepEqual([last.body.groupsRound, last.body.groupsStatus], [2, "ended"]);
    assert.deepEqual(shown(last.body), await stored(2));
    assert.deepEqual(
      last.body.groups.map((g) => g.notes),
      last.body.groups.map(() => 0),
    );
    assert.deepEqual(last.body.lateJoinerChoices, []);
    const person = last.body.groups[0]!.members[0]!.id;
    const refused = await confirmAttendance(t, dialogueId, "markAbsent", person, await token(), "en");
    assert.equal(refused.status, 409, "no round left for attendance to act on");

    const done = await post("endDialogue");
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.deepEqual([done.body.phase, done.body.groupsRound, done.body.groupsStatus], ["ended", 2, "ended"]);
    assert.deepEqual(shown(done.body), await stored(2));
  });
});
