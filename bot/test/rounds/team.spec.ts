import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import { cards, eventually, personalActivities, REGISTRANTS, tableRows } from "./helpers";
import { formInputs, organiser, useRoundsStory } from "./flow/story";
import { translator } from "../../src/platform/i18n/i18n";
import { escapeMarkdown } from "../../src/platform/teams/markdown";
import { DEFAULT_SIZES } from "../../src/features/rounds/domain/grouping";

/** People picker values are AAD object ids (GUIDs). */
const coOrganiser: Actor = {
  userId: "0b7c3a52-1f0e-4c8b-9d1a-2a6f0c1e5b01",
  userName: "Coco Järjestäjä",
  locale: "fi-FI",
};
const facilitator: Actor = {
  userId: "5d2e9f10-7a4b-4e61-8c3f-6b1a9e2d4c02",
  userName: "Fanni Fasilitaattori",
  locale: "fi-FI",
};
const stranger = REGISTRANTS[1]!;
const late: Actor = { userId: "aad-late-joiner", userName: "Lauri Myöhänen", locale: "fi-FI" };
const sv = { ...organiser, locale: "sv-FI" };
const en = { ...organiser, locale: "en-US" };

/**
 * Issue #18 items 1–3 through /api/messages: co-organisers and facilitators from "Manage
 * organisers", the Facilitate button, help, facilitator guide, and absent people / late joiners
 * during a running round. Steps build on each other in order.
 */
describe("co-organisers, facilitators, the facilitator guide and attendance on the day", function () {
  this.timeout(120_000);
  const story = useRoundsStory();
  const staff = (verb: string, data: Record<string, unknown>, who: Actor = organiser) =>
    story.bot.execute(who, verb, { dialogueId: story.dialogueId, ...data });
  const audit = async () =>
    (await tableRows(story.app, "Dialogues", story.dialogueId))
      .filter((r) => String(r.rowKey).startsWith("audit-"))
      .map((r) => ({ byId: r.byId, action: r.action, target: r.target }));

  before(async () => {
    for (const a of [coOrganiser, facilitator, late]) await story.bot.say(a, "apua");
  });

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

  it("a facilitator can start the dialogue and form groups but not edit or delete it", async () => {
    const added = await staff("dialogue.staffAdd", { role: "facilitator", person: facilitator.userId });
    valid(added.card, added);
    const started = await staff("round.startDialogue", {}, facilitator);
    assert.match(textOf(valid(started.card, started)), /Dialogi on alkanut/);
    const formed = await staff("round.form", { round: 1 }, facilitator);
    valid(formed.card, formed);
    const edit = await staff("dialogue.edit", {}, facilitator);
    assert.match(String(edit.message), /Vain dialogin järjestäjät/);
    const [del] = await story.bot.say(facilitator, `poista dialogi ${story.dialogueId} vahvista`);
    assert.match(String(del!.text), /Vain dialogin järjestäjät/);
    assert.ok((await tableRows(story.app, "Dialogues", story.dialogueId)).some((r) => r.rowKey === "meta"));
    const rows = await audit();
    assert.ok(rows.some((r) => r.byId === facilitator.userId && r.action === "round.startDialogue"));
    assert.ok(rows.some((r) => r.byId === facilitator.userId && r.action === "round.form"));
  });

  it("lists facilitate and the guide in help; the guide walks the flow from the controls and the command (fi/sv/en)", async () => {
    const [help] = await story.bot.say(organiser, "apua");
    assert.match(textOf(cardOf(help)), /ohjaa d-…/);
    assert.match(textOf(cardOf(help)), /ohjaajan opas/);
    const [helpSv] = await story.bot.say(sv, "hjälp");
    assert.match(textOf(cardOf(helpSv)), /led d-…/);

    const controls = await staff("round.controls", {}, facilitator);
    const guideButton = executeAction(controls.card, "round.guide")!;
    const guide = await story.bot.execute(facilitator, "round.guide", guideButton.data);
    const text = textOf(valid(guide.card, guide));
    for (const step of [/Pelisäännöt/, /Kierrokset/, /kirjuri/, /Lopetus/]) assert.match(text, step);
    assert.match(text, /Luottamus hallintoon/, "the dialogue's own guide");
    assert.ok(executeAction(guide.card, "round.controls"), "back to the controls");

    const [enGuide] = await story.bot.say(en, "facilitator guide");
    const enText = textOf(valid(cardOf(enGuide)));
    assert.match(enText, /Ground rules/);
    assert.match(enText, /Closing/);
    const [svGuide] = await story.bot.say(sv, "handledarguide");
    assert.match(textOf(valid(cardOf(svGuide))), /Spelregler/);
    // A stranger gets the general guide (no dialogue title, no controls).
    const [strangerGuide] = await story.bot.say(stranger, `ohjaajan opas ${story.dialogueId}`);
    assert.doesNotMatch(textOf(cardOf(strangerGuide)), /Luottamus hallintoon/);
    assert.equal(executeAction(cardOf(strangerGuide), "round.controls"), undefined);
  });

  it("an absent scribe is replaced in the running round; the new scribe and their group get updated cards", async () => {
    const startedAt = story.connector.calls.length;
    const started = await staff("round.start", { round: 1 }, facilitator);
    valid(started.card, started);
    const groupRows = (await tableRows(story.app, "Groups", story.dialogueId)).filter((r) =>
      /^r01-g/.test(String(r.rowKey)),
    );
    // Everyone has their group card, and each scribe also the notes card.
    const scribes = new Set(groupRows.map((r) => String(r.scribeId)));
    await eventually("round announced", () =>
      REGISTRANTS.every(
        (r) =>
          cards(personalActivities(story.connector, r.userId, startedAt)).length ===
          (scribes.has(r.userId) ? 2 : 1),
      ),
    );
    const row = groupRows.find((r) => r.scribeId)!;
    const oldScribe = String(row.scribeId);
    const members = (JSON.parse(String(row.members)) as { userId: string }[]).map((m) => m.userId);

    const refused = await staff("round.absent", { absentPerson: oldScribe }, stranger);
    assert.match(String(refused.message), /Vain dialogin ohjaajat/);
    const empty = await staff("round.absent", { absentPerson: "" }, facilitator);
    assert.ok(String(empty.message).includes(translator("fi", "rounds")("controls.choosePerson")));

    // The confirm step says what will move where; nothing changes and nobody is told before it.
    const from = story.connector.calls.length;
    const preview = await staff("round.absent", { absentPerson: oldScribe }, facilitator);
    const previewText = textOf(valid(preview.card, preview));
    assert.match(previewText, /Tarkista ennen vahvistamista/);
    assert.match(previewText, /poistuu kierroksen 1 ryhmästä \d+/);
    assert.match(previewText, /Kukaan muu kierroksella 1 ei vaihda ryhmää/);
    assert.match(previewText, /Kierroksesta 2 alkaen ryhmät muodostetaan uudelleen/);
    assert.deepEqual(
      (await tableRows(story.app, "Groups", story.dialogueId)).filter((r) => /^r01-g/.test(String(r.rowKey))),
      groupRows,
    );
    assert.equal(story.connector.calls.length, from);
    const confirm = findAll(preview.card, "Action.Execute").find((a) => a.verb === "round.absent")!;
    assert.equal((confirm.data as Record<string, unknown>).confirm, true);
    const marked = await staff("round.absent", confirm.data as Record<string, unknown>, facilitator);
    assert.match(textOf(valid(marked.card, marked)), /poissaolevaksi/);
    const after = (await tableRows(story.app, "Groups", story.dialogueId)).filter((r) =>
      /^r01-g/.test(String(r.rowKey)),
    );
    // People not affected never change room: every other group is exactly as it was.
    for (const g of groupRows.filter((r) => r.rowKey !== row.rowKey)) {
      const now = after.find((r) => r.rowKey === g.rowKey)!;
      assert.equal(now.members, g.members, `group ${String(g.rowKey)} unchanged`);
    }
    assert.equal(after.length, groupRows.length, "no group merged away");
    assert.ok(
      after.every((r) => !String(r.members).includes(oldScribe)),
      "absent person in no group",
    );
    const newRow = after.find((r) => members.some((m) => m !== oldScribe && String(r.members).includes(m)))!;
    const newScribe = String(newRow.scribeId);
    assert.ok(newScribe && newScribe !== oldScribe);
    const got = await eventually("new scribe told", () => {
      const c = cards(personalActivities(story.connector, newScribe, from));
      return c.length >= 2 && c;
    });
    assert.match(textOf(got[0]), /Olet ryhmän kirjuri|Du är gruppens sekreterare/);
    assert.ok(executeAction(got[1], "notes.save"), "the notes card");
    assert.equal(
      Number(executeAction(got[1], "notes.save")!.data.group),
      Number(String(newRow.rowKey).slice(-4)),
    );
    const stayed = (JSON.parse(String(newRow.members)) as { userId: string }[]).find(
      (m) => m.userId !== newScribe,
    );
    if (stayed)
      await eventually(
        "group member gets the updated card",
        () => cards(personalActivities(story.connector, stayed.userId, from)).length > 0,
      );
    assert.equal(cards(personalActivities(story.connector, oldScribe, from)).length, 0);
    assert.ok((await audit()).some((r) => r.byId === facilitator.userId && r.action === "round.absent"));
  });

  it("a late joiner is placed in the smallest group of the running round and gets their card", async () => {
    // Registers after the groups were formed (registration was still open then).
    const clock = story.clock;
    story.clock = new Date("2030-03-01T08:00:00Z");
    const reg = await story.bot.execute(late, "registration.submit", {
      dialogueId: story.dialogueId,
      language: "fi",
      organisation: "Kela",
      background: "resident",
      scribe: "false",
      acceptRules: "true",
    });
    valid(reg.card, reg);
    story.clock = clock;

    const controls = await staff("round.controls", {}, facilitator);
    const choice = findAll(controls.card, "Input.ChoiceSet").find((i) => i.id === "lateJoiner")!;
    // Registrants outside the groups: the late one, and the person marked absent (who may still come).
    const offered = (choice.choices as { value: string }[]).map((c) => c.value);
    assert.ok(offered.includes(late.userId), JSON.stringify(offered));
    const grouped = (await tableRows(story.app, "Groups", story.dialogueId))
      .filter((r) => /^r01-g/.test(String(r.rowKey)))
      .flatMap((r) => (JSON.parse(String(r.members)) as { userId: string }[]).map((m) => m.userId));
    assert.equal(offered.length, REGISTRANTS.length + 1 - grouped.length);
    assert.ok(offered.every((id) => !grouped.includes(id)));
    // Groups keep one language: the Finnish-speaking joiner goes to the smallest Finnish group.
    const sizes = (await tableRows(story.app, "Groups", story.dialogueId))
      .filter((r) => /^r01-g/.test(String(r.rowKey)))
      .map((r) => JSON.parse(String(r.members)) as { language: string }[])
      .filter((m) => m.some((x) => x.language === "fi"))
      .map((m) => m.length);
    const refused = await staff("round.lateJoin", { lateJoiner: late.userId }, stranger);
    assert.match(String(refused.message), /Vain dialogin ohjaajat/);

    const from = story.connector.calls.length;
    const preview = await staff("round.lateJoin", { lateJoiner: late.userId }, facilitator);
    assert.match(textOf(valid(preview.card, preview)), /Lauri Myöhänen liittyy kierroksen 1 ryhmään \d+/);
    const confirm = findAll(preview.card, "Action.Execute").find((a) => a.verb === "round.lateJoin")!;
    const joined = await staff("round.lateJoin", confirm.data as Record<string, unknown>, facilitator);
    valid(joined.card, joined);
    const rows = (await tableRows(story.app, "Groups", story.dialogueId)).filter((r) =>
      /^r01-g/.test(String(r.rowKey)),
    );
    const target = rows.find((r) => String(r.members).includes(late.userId))!;
    assert.equal((JSON.parse(String(target.members)) as unknown[]).length, Math.min(...sizes) + 1);
    const card = await eventually(
      "late joiner's group card",
      () => cards(personalActivities(story.connector, late.userId, from))[0],
    );
    assert.match(textOf(card), /Kierros 1 · Ryhmä/);
    const again = await staff("round.lateJoin", { lateJoiner: late.userId }, facilitator);
    assert.match(String(again.message), /on jo ryhmässä/);
  });

  it("a running round's group below the minimum is offered, not merged: keep it, or move its members after a confirm step (issue #27 item 2)", async () => {
    const r01 = async () =>
      (await tableRows(story.app, "Groups", story.dialogueId))
        .filter((r) => /^r01-g/.test(String(r.rowKey)))
        .map((r) => ({
          key: String(r.rowKey),
          ids: (JSON.parse(String(r.members)) as { userId: string }[]).map((m) => m.userId),
        }));
    const { minSize } = DEFAULT_SIZES.remote;
    const smallest = (await r01()).sort((a, b) => a.ids.length - b.ids.length)[0]!;
    const group = Number(smallest.key.slice(-4));
    // Mark people of that group absent until it is below the minimum.
    for (const id of smallest.ids.slice(0, smallest.ids.length - minSize + 1)) {
      const preview = await staff("round.absent", { absentPerson: id }, facilitator);
      const confirm = findAll(preview.card, "Action.Execute").find((a) => a.verb === "round.absent")!;
      valid((await staff("round.absent", confirm.data as Record<string, unknown>, facilitator)).card);
    }
    const others = (await r01()).filter((g) => g.key !== smallest.key);
    const controls = await staff("round.controls", {}, facilitator);
    const text = textOf(valid(controls.card, controls));
    assert.match(
      text,
      new RegExp(`Ryhmässä ${group} on ${minSize - 1} henkeä, vähemmän kuin vähimmäismäärä ${minSize}`),
    );
    const keep = findAll(controls.card, "Action.Execute").find((a) => a.verb === "round.keepGroup")!;
    assert.equal(Number((keep.data as Record<string, unknown>).group), group);
    const move = findAll(controls.card, "Action.Execute").find((a) => a.verb === "round.dissolveGroup");
    if (move) {
      // Moving is shown first: who goes to which group; nothing has moved yet.
      const preview = await staff("round.dissolveGroup", move.data as Record<string, unknown>, facilitator);
      assert.match(
        textOf(valid(preview.card, preview)),
        new RegExp(`siirtyy ryhmästä ${group} ryhmään \\d+`),
      );
      assert.deepEqual(
        (await r01()).filter((g) => g.key !== smallest.key),
        others,
      );
    }
    const kept = await staff("round.keepGroup", keep.data as Record<string, unknown>, facilitator);
    assert.match(textOf(valid(kept.card, kept)), new RegExp(`Ryhmä ${group} jatkaa ennallaan`));
    assert.equal(
      findAll(kept.card, "Action.Execute").find((a) => a.verb === "round.keepGroup"),
      undefined,
    );
    assert.deepEqual(
      (await r01()).filter((g) => g.key !== smallest.key),
      others,
      "nobody else moved",
    );
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
