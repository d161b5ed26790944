import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import { eventually, personalActivities } from "./helpers";
import { organiser } from "./flow/story";
import { coOrganiser, stranger, useTeamStory } from "./team-setup";

/**
 * Issue #18 item 1 through /api/messages: co-organisers and facilitators added from the people
 * picker or by e-mail: told, their rights, pending addresses and who may claim them, removal.
 * Steps build on each other in order.
 */
describe("co-organisers and facilitators: adding, claiming and removing", function () {
  this.timeout(120_000);
  const { story, staff, audit } = useTeamStory();

  it("a co-organiser picked in the people picker is told, can edit and manage, sees it in their dialogues; the audit names the actor", async () => {
    const from = story.connector.calls.length;
    const added = await staff("dialogue.staffAdd", { role: "organiser", person: coOrganiser.userId });
    assert.match(textOf(valid(added.card, added)), /Lisätty rooliin Apujärjestäjä/);
    const told = await eventually("co-organiser told", () =>
      personalActivities(story.connector, coOrganiser.userId, from).find((a) =>
        String(a.text).includes(story.dialogueId),
      ),
    );
    assert.match(String(told.text), /apujärjestäjäksi/);
    // The welcome brings the organiser card: the dialogue opens from it, no id to know (issue #27 item 8).
    const welcomeCard = cardOf(told);
    assert.ok(executeAction(valid(welcomeCard), "dialogue.edit"), "the organiser card");
    assert.match(textOf(welcomeCard), /Luottamus hallintoon/);

    // Picked without Graph: no name until they open the dialogue.
    assert.match(textOf((await staff("dialogue.staff", {})).card), /nimi näkyy/);
    const manageFirst = await staff("dialogue.manage", {}, coOrganiser);
    valid(manageFirst.card, manageFirst);
    assert.match(textOf((await staff("dialogue.staff", {})).card), /Coco Järjestäjä/);
    const edit = await staff("dialogue.edit", {}, coOrganiser);
    assert.ok(executeAction(valid(edit.card, edit), "dialogue.save"), "the edit form");
    const manage = await staff("dialogue.manage", {}, coOrganiser);
    assert.ok(executeAction(valid(manage.card, manage), "dialogue.cancel"));
    const posted = await story.bot.say(coOrganiser, `<at>Dialogi</at> julkaise ${story.dialogueId}`, {
      conversationType: "channel",
      conversationId: "19:team-channel@thread.tacv2",
    });
    assert.ok(executeAction(valid(cardOf(posted[0])), "registration.start"), "the invitation was posted");
    const [strangerPost] = await story.bot.say(stranger, `<at>Dialogi</at> julkaise ${story.dialogueId}`, {
      conversationType: "channel",
      conversationId: "19:team-channel@thread.tacv2",
    });
    assert.equal(strangerPost!.attachments, undefined);
    assert.match(String(strangerPost!.text), /Vain dialogin järjestäjät/);
    const [list] = await story.bot.say(coOrganiser, "omat dialogit");
    assert.ok(JSON.stringify(cardOf(list)).includes(story.dialogueId), "listed in my dialogues");
    // Co-organisers also facilitate.
    const controls = await staff("round.controls", {}, coOrganiser);
    valid(controls.card, controls);

    const rows = await audit();
    assert.ok(
      rows.some(
        (r) =>
          r.byId === organiser.userId &&
          r.action === "staff.add.organiser" &&
          r.target === coOrganiser.userId,
      ),
      JSON.stringify(rows),
    );
    assert.ok(rows.some((r) => r.byId === organiser.userId && r.action === "dialogue.create"));
  });

  it("an e-mail without Graph waits as pending and can be removed", async () => {
    const added = await staff("dialogue.staffAdd", { role: "facilitator", email: " Maija.M@Example.FI " });
    const text = textOf(valid(added.card, added));
    assert.match(text, /maija\.m@example\.fi/);
    assert.match(text, /odottaa/);
    const remove = findAll(added.card, "Action.Execute").find(
      (a) =>
        a.verb === "dialogue.staffRemove" && (a.data as Record<string, unknown>).key === "maija.m@example.fi",
    )!;
    const removed = await story.bot.execute(
      organiser,
      "dialogue.staffRemove",
      remove.data as Record<string, unknown>,
    );
    assert.doesNotMatch(textOf(valid(removed.card, removed)), /maija/);
  });

  it("someone added by e-mail gets the role when they first open the controls; another address does not", async () => {
    const byMail: Actor = { userId: "aad-by-mail", userName: "Pia Posti", locale: "fi-FI" };
    story.connector.setMember({
      aadObjectId: byMail.userId,
      name: byMail.userName,
      email: "Pia.Posti@Example.fi",
    });
    story.connector.setMember({
      aadObjectId: stranger.userId,
      name: stranger.userName,
      email: "eero@example.fi",
    });
    await story.bot.say(byMail, "apua");
    const added = await staff("dialogue.staffAdd", { role: "facilitator", email: "pia.posti@example.fi" });
    assert.match(textOf(valid(added.card, added)), /odottaa/);

    const [refused] = await story.bot.say(stranger, `ohjaa ${story.dialogueId}`);
    assert.match(String(refused!.text), /Vain dialogin ohjaajat/);
    const [controls] = await story.bot.say(byMail, `ohjaa ${story.dialogueId}`);
    assert.ok(executeAction(valid(cardOf(controls)), "round.startDialogue"), "the controls");
    const opened = await staff("dialogue.staff", {});
    const text = textOf(valid(opened.card, opened));
    assert.match(text, /Pia Posti/);
    assert.doesNotMatch(text, /pia\.posti@example\.fi/);
    assert.ok(
      (await audit()).some((r) => r.byId === byMail.userId && r.action === "staff.claim.facilitator"),
    );
    // Not an organiser: the organiser view stays closed.
    const manage = await staff("dialogue.manage", {}, byMail);
    assert.match(String(manage.message), /Vain dialogin järjestäjät/);
    const remove = findAll(opened.card, "Action.Execute").find(
      (a) => a.verb === "dialogue.staffRemove" && (a.data as Record<string, unknown>).key === byMail.userId,
    )!;
    valid(
      (await story.bot.execute(organiser, "dialogue.staffRemove", remove.data as Record<string, unknown>))
        .card,
    );
  });

  it("a guest, or a member record of another tenant, never claims a pending address (the people picker adds them)", async () => {
    const address = "vieras.osoite@example.fi";
    const guest: Actor = { userId: "aad-guest-claimer", userName: "Vera Vieras", locale: "fi-FI" };
    const foreign: Actor = { userId: "aad-foreign-claimer", userName: "Frida Främling", locale: "fi-FI" };
    const roleGuest: Actor = { userId: "aad-role-guest", userName: "Greta Gäst", locale: "fi-FI" };
    // Whoever invited the guest chose their e-mail; the UPN shows the guest, or the role does.
    story.connector.setMember({
      aadObjectId: guest.userId,
      name: guest.userName,
      email: address,
      userPrincipalName: "vieras.osoite_example.fi#EXT#@tenant.onmicrosoft.com",
    });
    story.connector.setMember({
      aadObjectId: foreign.userId,
      name: foreign.userName,
      email: address,
      tenantId: "another-tenant",
    });
    story.connector.setMember({
      aadObjectId: roleGuest.userId,
      name: roleGuest.userName,
      email: address,
      userRole: "guest",
    });
    for (const a of [guest, foreign, roleGuest]) await story.bot.say(a, "apua");
    await staff("dialogue.staffAdd", { role: "organiser", email: address });
    const before = await audit();
    for (const a of [guest, foreign, roleGuest]) {
      const [refused] = await story.bot.say(a, `ohjaa ${story.dialogueId}`);
      assert.match(String(refused!.text), /Vain dialogin ohjaajat/);
      const manage = await staff("dialogue.manage", {}, a);
      assert.match(String(manage.message), /Vain dialogin järjestäjät/);
    }
    assert.deepEqual(await audit(), before, "nothing was claimed");
    const opened = await staff("dialogue.staff", {});
    assert.match(textOf(valid(opened.card, opened)), /vieras\.osoite@example\.fi/, "still pending");
    const remove = findAll(opened.card, "Action.Execute").find(
      (x) => x.verb === "dialogue.staffRemove" && (x.data as Record<string, unknown>).key === address,
    )!;
    valid(
      (await story.bot.execute(organiser, "dialogue.staffRemove", remove.data as Record<string, unknown>))
        .card,
    );
  });

  it("a removed co-organiser loses their rights at once", async () => {
    const opened = await staff("dialogue.staff", {});
    const remove = findAll(opened.card, "Action.Execute").find(
      (a) =>
        a.verb === "dialogue.staffRemove" && (a.data as Record<string, unknown>).key === coOrganiser.userId,
    )!;
    const removed = await story.bot.execute(
      organiser,
      "dialogue.staffRemove",
      remove.data as Record<string, unknown>,
    );
    assert.match(textOf(valid(removed.card, removed)), /Poistettu/);
    const edit = await staff("dialogue.edit", {}, coOrganiser);
    assert.match(String(edit.message), /Vain dialogin järjestäjät/);
    const controls = await staff("round.controls", {}, coOrganiser);
    assert.match(String(controls.message), /Vain dialogin ohjaajat/);
    // A second removal with the stale card changes nothing and says the card is out of date.
    const again = await story.bot.execute(
      organiser,
      "dialogue.staffRemove",
      remove.data as Record<string, unknown>,
    );
    assert.match(textOf(valid(again.card, again)), /muutettu/);
    assert.ok(
      (await audit()).some((r) => r.action === "staff.remove.organiser" && r.byId === organiser.userId),
    );
  });

  it("a co-organiser added by e-mail finds the dialogue in 'my dialogues' without knowing its id (issue #27 item 8)", async () => {
    const byMail: Actor = { userId: "aad-coorg-by-mail", userName: "Maija Sähköposti", locale: "fi-FI" };
    story.connector.setMember({
      aadObjectId: byMail.userId,
      name: byMail.userName,
      email: "Maija.S@Example.fi",
    });
    await story.bot.say(byMail, "apua");
    const [before] = await story.bot.say(byMail, "omat dialogit");
    assert.ok(!JSON.stringify(cardOf(before)).includes(story.dialogueId), "not listed before being added");
    const added = await staff("dialogue.staffAdd", { role: "organiser", email: "maija.s@example.fi" });
    assert.match(textOf(valid(added.card, added)), /odottaa/);
    const [list] = await story.bot.say(byMail, "omat dialogit");
    const manage = executeAction(valid(cardOf(list)), "dialogue.manage");
    assert.equal(manage?.data.dialogueId, story.dialogueId, "listed in my dialogues");
    const opened = await story.bot.execute(byMail, "dialogue.manage", manage!.data);
    assert.ok(executeAction(valid(opened.card, opened), "dialogue.edit"), "their organiser card opens");
    // Another member with another address finds nothing.
    const [other] = await story.bot.say(stranger, "omat dialogit");
    assert.ok(!JSON.stringify(cardOf(other)).includes(story.dialogueId));
  });
});
