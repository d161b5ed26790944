import assert from "node:assert/strict";
import type { DeliveriesView, RetryDeliveriesResult } from "@dialogi/contracts";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { registerThroughBot, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import { ON_THE_DAY, panelCast, type PanelDialogue, startRoundOne, usePanelDialogue } from "./panel-dialogue";
import { eventually, personalActivities } from "../rounds/helpers";

const { organiser, people, late } = panelCast("dlv", (i) => `Person${i} Test`, "Late Comer");

/**
 * Failed deliveries are visible to the people running the dialogue, with "send again"
 * (`GET /api/meeting/dialogues/:id/deliveries`, `POST …/deliveries/retry`): a member the bot
 * cannot reach does not silently miss their group card.
 */
describe("side panel API: who did not get their group card, and send again", function () {
  this.timeout(90_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let dialogueId = "";
  let bot: PanelDialogue["bot"];
  const unreachable = people[3]!;

  const call = async <T>(path: string, oid: string, body?: unknown) =>
    t.call<T & { error?: string }>(`/api/meeting/dialogues/${dialogueId}${path}`, {
      method: body === undefined ? "GET" : "POST",
      token: await t.sso.mint({ oid, tid: SSO_TENANT }),
      body,
      lang: "en",
    });

  /** Polls an async check until it yields a value (the sender works in the background). */
  const until = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  // Everyone but `unreachable` has a chat with the bot; they register from a card elsewhere
  // (a card action stores no reference), so the bot cannot write to them yet.
  const reachable = [...people.filter((p) => p !== unreachable), late];
  const panel = usePanelDialogue(organiser, reachable, async (story) => {
    for (const a of people) await registerThroughBot(story.bot, a, story.dialogueId);
    story.clock = new Date(ON_THE_DAY);
    await startRoundOne(story.bot, organiser, story.dialogueId);
  });
  before(() => ({ t, connector, bot, dialogueId } = panel));

  it("shows the organiser who did not get the group card or the confirmation; a participant gets 403", async () => {
    const view = await until("the failed group card", async () => {
      const res = await call<DeliveriesView>("/deliveries", organiser.userId);
      const cardFailed = res.status === 200 && res.body.failed.some((f) => f.label === "groupCard");
      return cardFailed && res.body.pending === 0 ? res.body : undefined;
    });
    // Their registration confirmation was not swallowed either: it is listed beside the card.
    assert.deepEqual(view.failed.map((f) => [f.name, f.label, f.reason]).sort(), [
      [unreachable.userName, "confirmed", "UnreachableError"],
      [unreachable.userName, "groupCard", "UnreachableError"],
    ]);
    const members = await call<DeliveriesView>("/deliveries", organiser.userId);
    assert.ok(members.body.sent >= people.length - 1, "everyone else got theirs");
    const asMember = await call<DeliveriesView>("/deliveries", people[0]!.userId);
    assert.equal(asMember.status, 403);
    const retryAsMember = await call<RetryDeliveriesResult>("/deliveries/retry", people[0]!.userId, {});
    assert.equal(retryAsMember.status, 403);
  });

  it("the organisers' message: who did not get it is listed; the same message again sends nothing", async () => {
    const send = () =>
      bot.execute(organiser, "dialogue.message", { dialogueId, message: "Muistakaa kahvitauko." });
    const first = await send();
    // Counted after the wait: everyone but the person without a chat.
    assert.match(textOf(valid(first.card)), new RegExp(`toimitettiin ${people.length - 1}/${people.length}`));
    const view = await until("the failed message", async () => {
      const res = await call<DeliveriesView>("/deliveries", organiser.userId);
      return res.body.failed.some((f) => f.label === "message") && res.body.pending === 0
        ? res.body
        : undefined;
    });
    assert.deepEqual(
      view.failed.filter((f) => f.label === "message").map((f) => [f.name, f.reason]),
      [[unreachable.userName, "UnreachableError"]],
    );
    const rows = async () =>
      (await t.app.app.outbox.outbox.deliveries(dialogueId)).filter((r) => r.label === "message");
    assert.equal((await rows()).length, people.length);
    assert.match(textOf(valid((await send()).card)), /jo lähetetty/);
    assert.equal((await rows()).length, people.length, "the repeat recorded nothing");
    const got = (a: Actor) =>
      personalActivities(connector, a.userId).filter((x) => String(x.text).includes("kahvitauko")).length;
    for (const a of people.filter((p) => p !== unreachable)) assert.equal(got(a), 1, a.userName);
  });

  it("send again delivers it once the person can be reached", async () => {
    const before = connector.calls.length;
    await bot.say(unreachable, "apua"); // they open the chat: the bot can write to them again
    const { body } = await call<DeliveriesView>("/deliveries", organiser.userId);
    const res = await call<RetryDeliveriesResult>("/deliveries/retry", organiser.userId, {
      ids: body.failed.map((f) => f.id),
    });
    assert.equal(res.status, 200);
    assert.ok(res.body.requeued >= 1);
    await eventually(
      "the group card",
      () =>
        personalActivities(connector, unreachable.userId, before).some((a) =>
          /Kierros 1 · Ryhmä/.test(JSON.stringify(a)),
        ),
      30_000,
    );
    const after = await until("all sent", async () => {
      const r = await call<DeliveriesView>("/deliveries", organiser.userId);
      return r.body.failed.length === 0 && r.body.pending === 0 ? r.body : undefined;
    });
    assert.ok(after.sent >= people.length);
  });
});
