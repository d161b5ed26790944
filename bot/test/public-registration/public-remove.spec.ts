import assert from "node:assert/strict";
import { arrangeDialogue, ORGANISER, rowsOf } from "../../testing/arrange";
import { driver, executeAction, findAll, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import {
  confirmByLink,
  linkIn,
  mailsTo,
  startPublicApp,
  submitRegistration,
  waitForMail,
  type PublicApp,
} from "./helpers";

/**
 * #26.5: organisers remove a registrant (Teams or public) with a reason and an audit row, and may
 * block a public registrant's address for the dialogue — through the organiser card, over the Bot
 * Framework protocol.
 */
describe("public registration: organisers remove a registrant with a reason, audit and an address block", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };
  const teamsUser: Actor = { userId: "aad-remove-teams", userName: "Tero Teams", locale: "fi-FI" };
  const stranger: Actor = { userId: "aad-remove-stranger", userName: "Sanna Sivullinen", locale: "fi-FI" };

  before(async () => {
    pub = await startPublicApp();
    bot = driver(pub.app, pub.connector);
    for (const a of [organiser, teamsUser, stranger]) await bot.say(a, "help");
  });
  after(() => pub.close());

  const registration = async (dialogueId: string, userId: string) =>
    (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).find((r) => r.rowKey === userId);
  const audit = async (dialogueId: string) =>
    (await rowsOf(pub.app.app.store, "Dialogues", dialogueId)).filter((r) =>
      String(r.rowKey).startsWith("audit-"),
    );

  it("removes a Teams registrant (the seat goes on), then blocks a public one's address; only organisers, only with a reason", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public", capacity: 1 });
    await bot.execute(teamsUser, "registration.submit", {
      dialogueId: d.id,
      language: "fi",
      acceptRules: "true",
    });
    const email = "ella.ulko@example.org";
    await submitRegistration(pub.app.url, d.id, { name: "Ella Ulko", email, consent: true });
    const request = await waitForMail(pub.outbox, email, (m) => /Vahvista/.test(m.subject));
    const manage = await confirmByLink(linkIn(request, `/register/${d.id}/confirm`));
    const externalId = new URL(manage).searchParams.get("u")!;

    const manageCard = await bot.execute(organiser, "dialogue.manage", { dialogueId: d.id });
    const card = valid(manageCard.card, manageCard);
    const remove = executeAction(card, "dialogue.removeRegistrant");
    assert.ok(remove, "the organiser card offers removing");
    const choices = JSON.stringify(findAll(card, "Input.ChoiceSet"));
    assert.match(choices, new RegExp(teamsUser.userId));
    assert.match(choices, new RegExp(externalId));
    assert.match(textOf(card) + JSON.stringify(card), /Estä myös hänen sähköpostiosoitteensa/);

    const forbidden = await bot.execute(stranger, "dialogue.removeRegistrant", {
      ...remove.data,
      removeUserId: teamsUser.userId,
      removeReason: "Kiusaa",
    });
    assert.match(String(forbidden.message), /Vain dialogin järjestäjät/);
    const noReason = await bot.execute(organiser, "dialogue.removeRegistrant", {
      ...remove.data,
      removeUserId: teamsUser.userId,
      removeReason: "  ",
    });
    assert.match(String(noReason.message), /kirjoita poistamisen syy/);
    assert.equal((await registration(d.id, teamsUser.userId))!.status, "confirmed", "nothing changed");

    const removed = await bot.execute(organiser, "dialogue.removeRegistrant", {
      ...remove.data,
      removeUserId: teamsUser.userId,
      removeReason: "Ei kuulu kohderyhmään",
    });
    assert.match(textOf(valid(removed.card, removed)), /Tero Teams poistettiin/);
    assert.equal((await registration(d.id, teamsUser.userId))!.status, "cancelled");
    await waitForMail(pub.outbox, email, (m) => /Sait paikan/.test(m.subject));
    assert.equal((await registration(d.id, externalId))!.status, "confirmed", "the seat went on");
    const [first] = await audit(d.id);
    assert.equal(first!.action, "registration.remove");
    assert.equal(first!.byId, ORGANISER);
    assert.equal(first!.target, teamsUser.userId);
    assert.equal(first!.reason, "Ei kuulu kohderyhmään");

    const blocked = await bot.execute(organiser, "dialogue.removeRegistrant", {
      ...remove.data,
      removeUserId: externalId,
      removeReason: "Häiriköinti",
      removeBlock: "true",
    });
    assert.match(textOf(valid(blocked.card, blocked)), /osoite estettiin/);
    assert.equal((await registration(d.id, externalId))!.status, "cancelled");
    const actions = (await audit(d.id)).map((r) => r.action);
    assert.ok(actions.includes("registration.remove.block"), actions.join(","));
    // The blocked address gets the same page as anyone, and no mail.
    const before = (await mailsTo(pub.outbox, email)).length;
    const again = await submitRegistration(pub.app.url, d.id, { name: "Ella Ulko", email });
    assert.equal(again.status, 200);
    assert.equal((await mailsTo(pub.outbox, email)).length, before, "no mail to a blocked address");
    const other = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    await submitRegistration(pub.app.url, other.id, { name: "Ella Ulko", email });
    await waitForMail(pub.outbox, email, (m) => m.text.includes(other.id), { skip: before });
  });
});
