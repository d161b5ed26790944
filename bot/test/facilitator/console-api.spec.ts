import assert from "node:assert/strict";
import type { FacilitatorConsole, ParticipantConsole } from "@dialogi/contracts";
import { arrangeRunningRound, FACILITATOR, memberId, ORGANISER, rowsOf } from "../../testing/arrange";
import { OTHER_TENANT, SSO_TENANT } from "../../testing/sso";
import { messageActivity } from "../../testing/activities";
import { createNoteRepository } from "../../src/features/rounds/store/note-repository";
import { startDirectoryApp, type DirectoryTestApp } from "../directory/api/helpers";

const THREAD = "19:meeting_NDk1ZjQ4YzEtYmY2Zi00@thread.v2";
const MEETING_URL = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(THREAD)}/0?context=%7b%7d`;

describe("meeting side panel API (/api/meeting): Teams SSO, the rounds services' role checks", function () {
  this.timeout(30_000);
  let t: DirectoryTestApp;
  before(async () => {
    // Any tenant may sign in, so the dialogue's tenant and a stranger's can both be minted.
    t = await startDirectoryApp({ env: { AAD_APP_TENANT_ID: "organizations", SEED_DEMO_DATA: "false" } });
  });
  after(() => t.close());

  // The dialogue's meeting link carries THREAD: the side panel may link only the dialogue's own meeting.
  const arrange = (groups: number, members: number) =>
    arrangeRunningRound(t.app.app.store, groups, members, {
      dialogue: { tenantId: SSO_TENANT, meetingUrl: MEETING_URL },
    });
  const as = (oid: string, tid = SSO_TENANT) => t.sso.mint({ oid, tid });
  const state = async (id: string) =>
    (await rowsOf(t.app.app.store, "Groups", id)).find((r) => r.rowKey === "state");

  it("401 without a valid token on every route", async () => {
    const { dialogue } = await arrange(1, 3);
    const expired = await t.sso.mint({ oid: ORGANISER, tid: SSO_TENANT, expiresIn: -3600 });
    for (const token of [undefined, expired, t.sso.unsigned({ oid: ORGANISER, tid: SSO_TENANT })]) {
      for (const [method, path, body] of [
        ["GET", `/api/meeting/link?thread=${encodeURIComponent(THREAD)}`],
        ["PUT", "/api/meeting/link", { threadId: THREAD, dialogueId: dialogue.id }],
        ["GET", `/api/meeting/dialogues/${dialogue.id}`],
        ["GET", `/api/meeting/dialogues/${dialogue.id}/attendance-plan?change=markAbsent&person=x`],
        ["POST", `/api/meeting/dialogues/${dialogue.id}/endRound`, { round: 1 }],
      ] as [string, string, unknown?][]) {
        const res = await t.call(path, { method, token: await token, body });
        assert.equal(res.status, 401, `${method} ${path}`);
      }
    }
  });

  it("the organiser's console: registered, the round's groups with note counts (no text), the timer", async () => {
    const { dialogue } = await arrange(2, 3);
    const notes = createNoteRepository(t.app.app.store.table("Notes"), {
      chunk: (x) => [x],
      join: (c) => c.join(""),
    });
    await notes.save(
      {
        dialogueId: dialogue.id,
        round: 1,
        group: 2,
        noteId: "n1",
        text: "Salainen ajatus",
        themes: [],
        insights: "",
        savedAt: new Date(),
      },
      "members",
    );
    const res = await t.call<FacilitatorConsole>(`/api/meeting/dialogues/${dialogue.id}`, {
      token: await as(ORGANISER),
    });
    assert.equal(res.status, 200);
    const c = res.body;
    assert.equal(c.role, "facilitator");
    assert.equal(c.round, 1);
    assert.equal(c.running, true);
    assert.ok(Date.parse(c.roundEndsAt!) > Date.parse(c.serverNow));
    assert.deepEqual(
      c.groups.map((g) => [g.group, g.members.length, g.notes]),
      [
        [1, 3, 0],
        [2, 3, 1],
      ],
    );
    assert.equal(c.groups[0]!.members.filter((m) => m.scribe).length, 1);
    assert.deepEqual(
      c.groups[0]!.members.map((m) => m.id),
      [0, 1, 2].map((n) => memberId(dialogue.id, n)),
      "facilitators get the ids that markAbsent takes",
    );
    assert.doesNotMatch(JSON.stringify(c), /Salainen/, "notes are counted, never shown");
    assert.deepEqual(c.extendChoices, [5, 10, 15]);
  });

  it("a facilitator extends, broadcasts and ends the round and the dialogue; the console follows", async () => {
    const { dialogue } = await arrange(1, 3);
    const token = await as(FACILITATOR);
    const op = (name: string, body: unknown = {}) =>
      t.call<FacilitatorConsole>(`/api/meeting/dialogues/${dialogue.id}/${name}`, {
        method: "POST",
        token,
        body,
      });
    const before = (await t.call<FacilitatorConsole>(`/api/meeting/dialogues/${dialogue.id}`, { token }))
      .body;
    const extended = await op("extendRound", { round: 1, minutes: 10 });
    assert.equal(extended.status, 200);
    assert.equal(Date.parse(extended.body.roundEndsAt!) - Date.parse(before.roundEndsAt!), 10 * 60_000);
    assert.equal((await op("extendRound", { round: 1, minutes: 7 })).status, 400, "not an offered choice");
    assert.equal((await op("broadcast", { round: 1, text: "" })).status, 400);
    assert.equal((await op("broadcast", { round: 1, text: "Viisi minuuttia taukoa" })).status, 200);
    const ended = await op("endRound", { round: 1 });
    assert.equal(ended.body.running, false);
    const again = await op("endRound", { round: 1 });
    assert.equal(again.status, 409);
    assert.match(String((again.body as unknown as { message: string }).message), /No round is running/);
    const done = await op("endDialogue");
    assert.equal(done.status, 200);
    assert.equal(done.body.phase, "ended");
  });

  it("403 for a participant's operations and a stranger's reads; 404 for another tenant; nothing changes", async () => {
    const { dialogue, groupOf } = await arrange(2, 3);
    const participant = await as(memberId(dialogue.id, 4));
    const mine = await t.call<ParticipantConsole>(`/api/meeting/dialogues/${dialogue.id}`, {
      token: participant,
    });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.role, "participant");
    assert.equal(mine.body.group!.group, groupOf(4));
    assert.equal(mine.body.group!.members.length, 3);
    assert.ok(!("groups" in mine.body) && !("registered" in mine.body), "no one else's group");
    // Only facilitators get people's ids (for marking absent); a participant sees names only.
    assert.doesNotMatch(
      JSON.stringify(mine.body),
      new RegExp(memberId(dialogue.id, 0)),
      "no ids to participants",
    );

    const before = await state(dialogue.id);
    for (const [op, body] of [
      ["endRound", { round: 1 }],
      ["extendRound", { round: 1, minutes: 5 }],
      ["broadcast", { round: 1, text: "Everyone out!" }],
      ["endDialogue", {}],
      ["form", {}],
    ] as [string, unknown][]) {
      const res = await t.call(`/api/meeting/dialogues/${dialogue.id}/${op}`, {
        method: "POST",
        token: participant,
        body,
        lang: "sv",
      });
      assert.equal(res.status, 403, op);
      assert.match(String((res.body as { message: string }).message), /facilitatorer|arrangörer/);
    }
    const link = await t.call("/api/meeting/link", {
      method: "PUT",
      token: participant,
      body: { threadId: THREAD, dialogueId: dialogue.id },
    });
    assert.equal(link.status, 403);
    const stranger = await t.call(`/api/meeting/dialogues/${dialogue.id}`, {
      token: await as("aad-stranger"),
    });
    assert.equal(stranger.status, 403);
    const foreign = await as(ORGANISER, OTHER_TENANT);
    assert.equal((await t.call(`/api/meeting/dialogues/${dialogue.id}`, { token: foreign })).status, 404);
    assert.equal(
      (
        await t.call(`/api/meeting/dialogues/${dialogue.id}/endRound`, {
          method: "POST",
          token: foreign,
          body: { round: 1 },
        })
      ).status,
      404,
    );
    assert.deepEqual(await state(dialogue.id), before, "the run state is unchanged");
  });

  it("an organiser links the meeting to the dialogue; the panel finds it by the chat's thread id", async () => {
    const { dialogue } = await arrange(1, 3);
    const token = await as(ORGANISER);
    const find = (tok: string) =>
      t.call<{ dialogueId: string }>(`/api/meeting/link?thread=${encodeURIComponent(THREAD)}`, {
        token: tok,
      });
    const put = await t.call("/api/meeting/link", {
      method: "PUT",
      token,
      body: { threadId: THREAD, dialogueId: dialogue.id },
    });
    assert.equal(put.status, 200);
    assert.equal((await find(token)).body.dialogueId, dialogue.id);
    assert.equal((await find(await as(ORGANISER, OTHER_TENANT))).status, 404, "not for another tenant");
    assert.equal((await t.call("/api/meeting/link?thread=nonsense", { token })).status, 400);

    // Teams tells the bot who joins and leaves the linked meeting (RSC): the console shows presence.
    const presence = async (name: string, ids: string[]) => {
      const activity = {
        ...messageActivity({
          serviceUrl: "http://127.0.0.1:9/",
          conversationType: "groupChat",
          conversationId: THREAD,
        }),
        type: "event",
        name,
        text: undefined,
        value: {
          members: ids.map((id) => ({
            user: { id: `29:${id}`, aadObjectId: id },
            meeting: { inMeeting: true },
          })),
        },
      };
      assert.equal((await t.app.postActivity(activity)).status, 200);
    };
    const present = async () => {
      const c = (await t.call<FacilitatorConsole>(`/api/meeting/dialogues/${dialogue.id}`, { token })).body;
      return c.groups.flatMap((g) => g.members.filter((m) => m.present).map((m) => m.name));
    };
    await presence("application/vnd.microsoft.meetingParticipantJoin", [
      memberId(dialogue.id, 0),
      memberId(dialogue.id, 2),
    ]);
    assert.deepEqual(await present(), ["Member 0", "Member 2"]);
    await presence("application/vnd.microsoft.meetingParticipantLeave", [memberId(dialogue.id, 0)]);
    assert.deepEqual(await present(), ["Member 2"]);
  });
});
