import assert from "node:assert/strict";
import { waitFor } from "../../testing/outbox-fleet";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import {
  anna,
  ben,
  CHANNEL,
  GROUP_CHAT,
  kaisa,
  ONE_TO_ONE,
  organiser,
  PUBLIC_URL,
  reader,
  useExtensionHarness,
  type ExtensionHarness,
} from "./extension-harness";

/** Inserting one's own dialogue's invitation with the extension, and what another tenant gets. */
describe("message extension through /api/messages (signed tokens): my dialogues", function () {
  this.timeout(90_000);
  const h = useExtensionHarness();
  const { extension, query, results } = h;
  let bot: ExtensionHarness["bot"];
  let connector: ExtensionHarness["connector"];
  const mine: string[] = [];
  let bensDialogue = "";

  before(async () => {
    ({ bot, connector } = h);
    mine.push(await h.createDialogue(organiser, "Kevään treffitori", "2030-04-02"));
    mine.push(await h.createDialogue(organiser, "Syksyn kuntadialogi", "2030-09-10"));
    bensDialogue = await h.createDialogue(ben, "Ben's budget dialogue", "2030-05-05");
  });

  describe("insert my dialogue's invitation (myDialogues)", () => {
    it("offers only the dialogues I organise, soonest first, as the invitation `julkaise` posts", async () => {
      const list = results(await query(organiser, "myDialogues"));
      const ids = list.map((a) => executeAction(a.content, "registration.start")!.data.dialogueId);
      assert.deepEqual(ids, mine);
      assert.ok(!ids.includes(bensDialogue), "another organiser's dialogue is not offered");
      assert.equal(list[0]!.preview.content.title, "Kevään treffitori");
      assert.match(list[0]!.preview.content.text ?? "", new RegExp(`2\\.4\\.2030.* · ${mine[0]}`));

      const [posted] = await bot.say(organiser, `<at>Dialogi</at> julkaise ${mine[0]}`, {
        conversationType: "channel",
        conversationId: CHANNEL,
      });
      assert.deepEqual(list[0]!.content, valid(cardOf(posted)));
      const refresh = list[0]!.content.refresh as { action: { verb: string }; userIds: string[] };
      assert.equal(refresh.action.verb, "dialogue.refresh");
      assert.deepEqual(refresh.userIds, [`29:${organiser.userId}`]);

      const bens = results(await query(ben, "myDialogues"));
      assert.deepEqual(
        bens.map((a) => executeAction(a.content, "registration.start")!.data.dialogueId),
        [bensDialogue],
      );
      assert.match(textOf(bens[0]!.content), /Ben's budget dialogue/);
    });

    it("filters by title or id, and says what to do when nothing matches", async () => {
      const byTitle = results(await query(organiser, "myDialogues", "SYKSYN"));
      assert.equal(byTitle.length, 1);
      assert.equal(byTitle[0]!.preview.content.title, "Syksyn kuntadialogi");
      const byId = results(await query(organiser, "myDialogues", mine[0]));
      assert.equal(byId[0]!.preview.content.title, "Kevään treffitori");
      const otherId = await query(organiser, "myDialogues", bensDialogue);
      assert.equal(otherId.type, "message");
      assert.match(String(otherId.text), /Yksikään järjestämistäsi tulevista dialogeista/);
      const nothing = await query(reader, "myDialogues");
      assert.match(String(nothing.text), /Sinulla ei ole tulevia dialogeja.*uusi dialogi/);
      const sv = await query({ ...reader, locale: "sv-FI" }, "myDialogues");
      assert.match(String(sv.text), /Du har inga kommande dialoger/);
    });

    it("the inserted card's Register reaches the bot from a chat it was never added to", async () => {
      const [card] = results(await query(organiser, "myDialogues", mine[1]));
      const start = executeAction(card!.content, "registration.start")!;
      const extra = { conversationType: "groupChat" as const, conversationId: GROUP_CHAT };
      const form = await bot.execute(anna, start.verb, start.data, extra);
      assert.match(textOf(valid(form.card, form)), /Anmälan: Syksyn kuntadialogi/);
      const before = connector.calls.length;
      const ok = await bot.execute(
        anna,
        "registration.submit",
        { dialogueId: mine[1], language: "sv", acceptRules: "true" },
        extra,
      );
      assert.match(textOf(valid(ok.card, ok)), /Du är anmäld/);
      // Anna never chatted with the bot: her confirmation opens a personal chat via that group chat.
      // It goes through the outbox: wait for it.
      await waitFor(
        "Anna's personal confirmation",
        () => connector.calls.slice(before).some((c) => /Du är anmäld till/.test(String(c.body.text))),
        15_000,
      );
      // The organiser's own view of the card counts her seat.
      const refreshed = await bot.execute(organiser, "dialogue.refresh", { dialogueId: mine[1] }, extra);
      assert.match(textOf(valid(refreshed.card, refreshed)), /4\/5 vapaana/);
    });

    it("a click in a one-to-one chat between people does not redirect the clicker's bot chat there", async () => {
      const [card] = results(await query(organiser, "myDialogues", mine[0]));
      const data = executeAction(card!.content, "registration.start")!.data;
      const extra = { conversationType: "personal" as const, conversationId: ONE_TO_ONE };
      const before = connector.calls.length;
      const ok = await bot.execute(
        kaisa,
        "registration.submit",
        { ...data, language: "fi", acceptRules: "true" },
        extra,
      );
      assert.match(textOf(valid(ok.card, ok)), /Olet ilmoittautunut/);
      await waitFor(
        "Kaisa's confirmation in her bot chat",
        () =>
          bot
            .sentTo(`a:chat-${kaisa.userId}`, before)
            .some((c) => /Olet ilmoittautunut dialogiin/.test(String(c.body.text))),
        15_000,
      );
      assert.deepEqual(bot.sentTo(ONE_TO_ONE, before), []);
      // Later messages still find her bot chat.
      const sent = await bot.say(kaisa, "apua");
      assert.ok(sent.length > 0);
      assert.deepEqual(bot.sentTo(ONE_TO_ONE, before), []);
    });
  });

  it("another tenant's user (even with the same object id) gets nothing of this tenant: no entries, dialogues or unfurls", async () => {
    const outsider: Actor = { ...organiser, tenantId: "other-tenant-0000" };
    for (const text of [undefined, "Saimaa"]) {
      const ext = await query(outsider, "searchDirectory", text);
      assert.equal(ext.type, "message", JSON.stringify(ext).slice(0, 200));
    }
    const dialogues = await query(outsider, "myDialogues", undefined);
    assert.equal(dialogues.type, "message");
    const byId = await query(outsider, "myDialogues", mine[0]);
    assert.equal(byId.type, "message");
    const [first] = results(await query(organiser, "searchDirectory", "Saimaa"));
    const entryUrl = String(findAll(first!.content, "Action.OpenUrl")[0]!.url);
    for (const url of [`${PUBLIC_URL}/#/org/vm`, entryUrl]) {
      const ext = await extension(outsider, "composeExtension/queryLink", { url });
      assert.deepEqual(ext.attachments, [], url);
    }
  });
});
