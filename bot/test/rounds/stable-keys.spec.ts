import assert from "node:assert/strict";
import type { DeliveryRow } from "../../src/platform/outbox/outbox-types";
import type { ConnectorRecorder } from "../../testing/connector-recorder";
import { SSO_TENANT } from "../../testing/sso";
import { executeAction, registerThroughBot, valid, type Actor } from "../dialogues/conversation-helpers";
import type { DirectoryTestApp } from "../directory/api/helpers";
import {
  ON_THE_DAY,
  panelCast,
  type PanelDialogue,
  REGISTRATION_OPEN,
  startRoundOne,
  usePanelDialogue,
} from "../facilitator/panel-dialogue";
import { eventually, personalActivities } from "./helpers";

const { organiser, people, late } = panelCast("skey", (i) => `Keyed${i} Person`, "Late Keyed");

/**
 * Broadcasts and the summary are recorded under keys derived from the decision (the card's
 * nonce or the side panel's message id, the text, the dialogue's end), never random: the same
 * decision again — a second click on the same card, a retried request — adds no delivery rows
 * and sends nothing twice, while a new message from a new card still goes out.
 */
describe("stable decision keys: a repeated broadcast or summary sends nothing twice", function () {
  this.timeout(120_000);
  let t: DirectoryTestApp;
  let connector: ConnectorRecorder;
  let bot: PanelDialogue["bot"];
  let dialogueId = "";

  const rows = async (label: string) =>
    (await t.app.app.outbox.outbox.deliveries(dialogueId)).filter((r) => r.label === label);
  /** Waits until every row of `label` is sent (the sender works in the background); returns them. */
  const allSent = async (label: string, count: number): Promise<DeliveryRow[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const last = await rows(label);
      if (last.length >= count && last.every((r) => r.status === "sent")) return last;
      if (Date.now() > deadline) assert.fail(`${label}: ${JSON.stringify(last.map((r) => r.status))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const received = (a: Actor, text: string) =>
    personalActivities(connector, a.userId).filter((x) => String(x.text ?? "").includes(text)).length;
  const controls = async () => valid((await bot.execute(organiser, "round.controls", { dialogueId })).card);

  const panel = usePanelDialogue(organiser, [...people, late], async (story) => {
    for (const a of people) await registerThroughBot(story.bot, a, story.dialogueId);
    story.clock = new Date(ON_THE_DAY);
    await startRoundOne(story.bot, organiser, story.dialogueId);
  });
  before(() => ({ t, connector, bot, dialogueId } = panel));

  it("a second click on the same card's broadcast sends nothing; the answering card's new nonce sends", async () => {
    const card = await controls();
    const action = executeAction(card, "round.broadcast")!;
    assert.match(String(action.data.nonce), /^[0-9a-f-]{36}$/, "the card carries a nonce");
    const click = (data: Record<string, unknown>) =>
      bot.execute(organiser, "round.broadcast", { ...data, message: "Tauko alkaa nyt" });
    const first = await click(action.data);
    await click(action.data); // the same card clicked again (or Teams retrying the invoke)
    const once = await allSent("broadcast", people.length);
    assert.equal(once.length, people.length, "one row per member, none added by the second click");
    for (const a of people) assert.equal(received(a, "Tauko alkaa nyt"), 1, a.userName);

    // The card that answered the first click has a new nonce: the same words again are a new message.
    const next = executeAction(valid(first.card), "round.broadcast")!;
    assert.notEqual(next.data.nonce, action.data.nonce);
    await click(next.data);
    await allSent("broadcast", 2 * people.length);
    for (const a of people)
      await eventually(`${a.userName}'s second message`, () => received(a, "Tauko alkaa nyt") === 2, 30_000);
  });

  it("the side panel's retried request (same message id) sends nothing twice; a bad id is refused", async () => {
    const token = await t.sso.mint({ oid: organiser.userId, tid: SSO_TENANT });
    const op = (body: unknown) =>
      t.call(`/api/meeting/dialogues/${dialogueId}/broadcast`, { method: "POST", token, body });
    const body = { round: 1, text: "Palataan saliin", requestId: "3f0c9a7e-1b2d-4c5e-8f90-0a1b2c3d4e5f" };
    assert.equal((await op(body)).status, 200);
    assert.equal((await op(body)).status, 200);
    assert.equal((await op({ ...body, requestId: "../../x" })).status, 400);
    const sent = await allSent("broadcast", 3 * people.length);
    assert.equal(sent.length, 3 * people.length);
    for (const a of people) assert.equal(received(a, "Palataan saliin"), 1, a.userName);
  });

  it("an attendance change's group card is keyed by the plan version it changed; repeating it adds nothing", async () => {
    const running = panel.clock;
    panel.clock = new Date(REGISTRATION_OPEN); // a late registration, made before the deadline
    await registerThroughBot(bot, late, dialogueId);
    panel.clock = running;
    const token = await t.sso.mint({ oid: organiser.userId, tid: SSO_TENANT });
    // The panel applies a change only for the plan the facilitator saw (its version).
    const shown = await t.call(
      `/api/meeting/dialogues/${dialogueId}/attendance-plan?change=addLateJoiner&person=${encodeURIComponent(late.userId)}`,
      { token },
    );
    assert.equal(shown.status, 200);
    const add = () =>
      t.call(`/api/meeting/dialogues/${dialogueId}/addLateJoiner`, {
        method: "POST",
        token,
        body: { person: late.userId, planVersion: shown.body.version },
      });
    assert.equal((await add()).status, 200);
    assert.equal((await add()).status, 409, "already placed: the same change is not made again");
    const cardsRows = (await allSent("groupCard", people.length + 1)).filter((r) =>
      r.decisionKey.startsWith("attendance|"),
    );
    assert.ok(
      cardsRows.some((r) => r.recipient === late.userId),
      "the late joiner's card",
    );
    const keys = new Set(cardsRows.map((r) => r.decisionKey));
    assert.equal(keys.size, 1, "one change, one decision");
    assert.match([...keys][0]!, /^attendance\|r1\|[\w-]{16}$/);
  });

  it("the summary is recorded under the dialogue's end: delivering it again adds nothing", async () => {
    const ended = await bot.execute(organiser, "round.endDialogue", { dialogueId });
    valid(ended.card);
    const summary = await allSent("summary", 1);
    assert.match(summary[0]!.decisionKey, /^summary\|\d{4}-\d{2}-\d{2}T/, summary[0]!.decisionKey);
    // A second click finds the dialogue ended: no second summary either way.
    await bot.execute(organiser, "round.endDialogue", { dialogueId });
    assert.equal((await rows("summary")).length, 1);
  });
});
