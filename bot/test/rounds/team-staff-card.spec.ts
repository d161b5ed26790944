import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "./helpers";
import { formInputs, organiser } from "./flow/story";
import { coOrganiser, en, facilitator, stranger, sv, useTeamStory } from "./team-setup";
import { translator } from "../../src/platform/i18n/i18n";
import { escapeMarkdown } from "../../src/platform/teams/markdown";

/**
 * Issue #18 item 1 through /api/messages: the organiser card's Facilitate and Manage organisers
 * buttons, the staff card's people picker, and what it refuses (strangers, bad input, other tenants).
 * Steps build on each other in order.
 */
describe("co-organisers and facilitators: the organiser's staff card", function () {
  this.timeout(120_000);
  const { story, staff, audit } = useTeamStory();

  it("the organiser card has Facilitate and Manage organisers buttons; the card offers the Teams people picker and an e-mail field", async () => {
    const manage = await staff("dialogue.manage", {});
    const card = valid(manage.card, manage);
    assert.ok(executeAction(card, "round.controls"), "Facilitate button");
    assert.equal(executeAction(card, "round.controls")!.data.dialogueId, story.dialogueId);
    assert.ok(executeAction(card, "dialogue.staff"), "Manage organisers button");
    assert.match(textOf(card), /Ohjaa|Järjestäjät ja ohjaajat/);

    const opened = await staff("dialogue.staff", {});
    const staffCard = valid(opened.card, opened);
    const picker = findAll(staffCard, "Input.ChoiceSet").find((i) => i.id === "person")!;
    assert.deepEqual(picker["choices.data"], { type: "Data.Query", dataset: "graph.microsoft.com/users" });
    assert.ok(findAll(staffCard, "Input.Text").some((i) => i.id === "email"));
    assert.match(textOf(staffCard), /Olli Ohjaaja/);
    assert.match(textOf(staffCard), /Luoja/);
    // The creator cannot be removed: no Remove button for them.
    assert.equal(executeAction(staffCard, "dialogue.staffRemove"), undefined);
  });

  it("refuses a stranger every staff verb and the organiser controls, changing nothing", async () => {
    const before = await audit();
    for (const verb of ["dialogue.staff", "dialogue.staffAdd", "dialogue.staffRemove"]) {
      const r = await staff(verb, { role: "organiser", person: stranger.userId, key: "x" }, stranger);
      assert.equal(r.card, undefined);
      assert.match(String(r.message), /Vain dialogin järjestäjät/);
    }
    const edit = await staff("dialogue.edit", {}, stranger);
    assert.match(String(edit.message), /Vain dialogin järjestäjät/);
    assert.deepEqual(await audit(), before);
  });

  for (const [who, lng] of [
    [organiser, "fi"],
    [sv, "sv"],
    [en, "en"],
  ] as const) {
    it(`answers bad input on the card clearly (${lng})`, async () => {
      const t = translator(lng, "dialogue");
      const none = await staff("dialogue.staffAdd", { role: "organiser", person: "", email: "" }, who);
      assert.ok(String(none.message).includes(t("staff.error.personRequired")), none.message);
      const bad = await staff("dialogue.staffAdd", { role: "organiser", email: "not an address" }, who);
      assert.ok(String(bad.message).includes(t("staff.error.badEmail")), bad.message);
      const forged = await staff("dialogue.staffAdd", { role: "organiser", person: "29:not-a-guid" }, who);
      assert.ok(String(forged.message).includes(t("staff.error.badPerson")), forged.message);
      const role = await staff("dialogue.staffAdd", { role: "owner", person: coOrganiser.userId }, who);
      assert.ok(String(role.message).includes(t("staff.error.badData")), role.message);
      const creator = await staff("dialogue.staffRemove", { role: "organiser", key: organiser.userId }, who);
      assert.ok(String(creator.message).includes(t("staff.error.creator")), creator.message);
    });
  }

  it("the bot tells nobody of another tenant for an organiser, and a title never becomes a link in the notice", async () => {
    // Someone of another tenant who chats with the (multi-tenant) bot; their object id typed into card data.
    const victim: Actor = {
      userId: "7e3b1c9d-2a4f-4b8e-9c6d-1f0a2b3c4d05",
      userName: "Vilja Muualta",
      locale: "fi-FI",
      tenantId: "tenant-elsewhere",
    };
    await story.bot.say(victim, "apua");
    const from = story.connector.calls.length;
    const added = await staff("dialogue.staffAdd", { role: "facilitator", person: victim.userId });
    valid(added.card, added);
    await staff("dialogue.staffRemove", { role: "facilitator", key: victim.userId, version: undefined });
    assert.deepEqual(personalActivities(story.connector, victim.userId, from), [], "no message to them");

    // A dialogue whose title is Markdown: the welcome notice shows it literally.
    const [form] = await story.bot.say(organiser, "uusi dialogi");
    const create = executeAction(valid(cardOf(form)), "dialogue.create")!;
    const title = "[Vahvista tunnuksesi](https://evil.example/login) **nyt**";
    const created = await story.bot.execute(organiser, "dialogue.create", {
      ...create.data,
      ...formInputs,
      // The story's clock is past its own dialogue's date by now.
      date: "2031-03-25",
      deadlineDate: "2031-03-18",
      title,
    });
    const other = executeAction(valid(created.card, created), "dialogue.edit")!.data;
    const mark = story.connector.calls.length;
    await story.bot.execute(organiser, "dialogue.staffAdd", {
      dialogueId: other.dialogueId,
      version: other.version,
      role: "facilitator",
      person: facilitator.userId,
    });
    const told = await eventually("facilitator told", () =>
      personalActivities(story.connector, facilitator.userId, mark).find((a) =>
        String(a.text).includes(String(other.dialogueId)),
      ),
    );
    // Escaped (\[…\]\(…\) and \*\*): Teams shows the characters, not a link or bold text.
    assert.ok(String(told.text).includes(escapeMarkdown(title)), String(told.text));
    assert.ok(!String(told.text).includes(title), String(told.text));
  });

  it("the same 'add' card submitted twice adds once and says so (issue #27 item 7)", async () => {
    const card = (await staff("dialogue.staff", {})).card;
    const add = executeAction(card, "dialogue.staffAdd")!;
    const inputs = { ...add.data, role: "facilitator", email: "kaksi.kertaa@example.fi" };
    const first = await story.bot.execute(organiser, "dialogue.staffAdd", inputs);
    assert.match(textOf(valid(first.card, first)), /kaksi\.kertaa@example\.fi/);
    const again = await story.bot.execute(organiser, "dialogue.staffAdd", inputs);
    assert.match(textOf(valid(again.card, again)), /Lisätty jo tästä kortista/);
    const rows = (await audit()).filter(
      (r) => r.action === "staff.add.facilitator" && r.target === "kaksi.kertaa@example.fi",
    );
    assert.ok(rows.length <= 1, JSON.stringify(rows));
  });
});
