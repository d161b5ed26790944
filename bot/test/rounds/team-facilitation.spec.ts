import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid } from "../dialogues/conversation-helpers";
import { cards, eventually, personalActivities, REGISTRANTS, tableRows } from "./helpers";
import { organiser } from "./flow/story";
import { en, facilitator, late, stranger, sv, useTeamStory } from "./team-setup";
import { translator } from "../../src/platform/i18n/i18n";
import { DEFAULT_SIZES } from "../../src/features/rounds/domain/grouping";

/**
 * Issue #18 items 2–3 through /api/messages: a facilitator runs the dialogue, the facilitator guide,
 * and absent people, late joiners and a group below the minimum during a running round.
 * Steps build on each other in order.
 */
describe("facilitators, the facilitator guide and attendance on the day", function () {
  this.timeout(120_000);
  const { story, staff, audit } = useTeamStory();

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
});
