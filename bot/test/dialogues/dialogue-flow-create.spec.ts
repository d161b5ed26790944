import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid } from "./conversation-helpers";
import {
  ben,
  CHANNEL,
  formInputs,
  organiser,
  outsider,
  useDialogueFlow,
  type DialogueFlow,
} from "./dialogue-flow-setup";

/** Creating a dialogue through the bot's form, posting its invitation, refusing forged ids. */
describe("dialogues through /api/messages: the form, creating and publishing", function () {
  this.timeout(60_000);
  const flow = useDialogueFlow();
  let bot: DialogueFlow["bot"];
  let dialogueId = "";
  let formData: Record<string, unknown> = {};
  before(() => ({ bot } = flow));

  it("`uusi dialogi` opens a valid form prefilled with the standard programme", async () => {
    const [sent] = await bot.say(organiser, "uusi dialogi");
    const card = valid(cardOf(sent));
    assert.match(textOf(card), /Uusi dialogi/);
    const submit = executeAction(card, "dialogue.create")!;
    assert.match(String(submit.data.nonce), /^[0-9a-f-]{36}$/);
    assert.match(String(submit.data.agendaDefault), /^09:00 .+$/m);
    assert.match(String(submit.data.agendaDefault), /^\d\d:\d\d \* /m);
    formData = submit.data;
  });

  it("re-shows the form with translated errors and the input kept", async () => {
    const bad = formInputs({ endTime: "08:00", capacity: "0", title: "Treffitori\u0007" });
    const { card } = await bot.execute(organiser, "dialogue.create", { ...formData, ...bad });
    valid(card);
    const text = textOf(card);
    assert.match(text, /Päättymisaika: päättymisajan pitää olla alkamisajan jälkeen/);
    assert.match(text, /Paikat: anna kokonaisluku 1–1000/);
    const title = findAll(card, "Input.Text").find((i) => i.id === "title")!;
    assert.equal(title.value, "Treffitori\u0007");
  });

  it("creates the dialogue once, even when the same form is submitted twice", async () => {
    const data = { ...formData, ...formInputs() };
    const first = await bot.execute(organiser, "dialogue.create", data);
    valid(first.card);
    assert.match(textOf(first.card), /Dialogi on luotu/);
    dialogueId = String(executeAction(first.card, "dialogue.edit")!.data.dialogueId);
    assert.match(dialogueId, /^d-[a-z2-9]{8}$/);
    const second = await bot.execute(organiser, "dialogue.create", data);
    assert.equal(executeAction(second.card, "dialogue.edit")!.data.dialogueId, dialogueId);
    assert.match(textOf(second.card), /jo luotu/);
    const [list] = await bot.say(organiser, "omat dialogit");
    const listCard = valid(cardOf(list));
    assert.equal(findAll(listCard, "Action.Execute").length, 1);
  });

  it("`julkaise <id>` posts the shared invitation with per-user refresh into a channel", async () => {
    const sent = await bot.say(organiser, `<at>Dialogi</at> julkaise ${dialogueId}`, {
      conversationType: "channel",
      conversationId: CHANNEL,
    });
    const card = valid(cardOf(sent[0]));
    const refresh = card.refresh as {
      action: { verb: string; data: { dialogueId: string } };
      userIds: string[];
    };
    assert.equal(refresh.action.verb, "dialogue.refresh");
    assert.equal(refresh.action.data.dialogueId, dialogueId);
    assert.deepEqual(refresh.userIds, ["29:aad-organiser"]);
    assert.ok(executeAction(card, "registration.start"));
    assert.match(textOf(card), /09:30[\s\S]*Dialogikeskustelut \(pienryhmät\)/);
  });

  it("refuses forged, unknown and other-tenant dialogue ids without changing anything", async () => {
    for (const dialogueIdValue of ["d-zzzzzzzz", "../../etc", "x".repeat(60)]) {
      const r = await bot.execute(ben, "registration.start", { dialogueId: dialogueIdValue });
      assert.match(String(r.message), /not found/);
    }
    const wrongType = await bot.execute(ben, "registration.submit", { dialogueId: 42 });
    assert.match(String(wrongType.message), /invalid/);
    const other = await bot.execute(outsider, "registration.submit", {
      dialogueId,
      language: "en",
      acceptRules: "true",
    });
    assert.match(String(other.message), /not found/);
    const unknown = await bot.execute(ben, "dialogue.explode", { dialogueId });
    assert.match(String(unknown.message), /can no longer be used/);
    const notOrganiser = await bot.execute(ben, "dialogue.manage", { dialogueId });
    assert.match(String(notOrganiser.message), /Only the dialogue's organisers/);
  });
});
