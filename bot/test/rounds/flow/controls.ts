import assert from "node:assert/strict";
import { cardOf, executeAction, findAll, textOf, valid } from "../../dialogues/conversation-helpers";
import { REGISTRANTS, tableRows } from "../helpers";
import { organiser, PUBLIC_URL, type RoundsStory } from "./story";

const [, eero] = REGISTRANTS;

/** Facilitator controls: refused to participants; the dialogue starts, groups are proposed and adjusted. */
export function controlsSteps(story: RoundsStory): void {
  it("refuses the facilitator controls to a participant, changing nothing", async () => {
    const [reply] = await story.bot.say(eero!, `ohjaa ${story.dialogueId}`);
    assert.match(String(reply!.text), /Vain dialogin ohjaajat ja järjestäjät/);
    for (const verb of ["round.startDialogue", "round.form", "round.start", "round.endDialogue"]) {
      const r = await story.controls(verb, { round: 1 }, eero!);
      assert.equal(r.card, undefined);
      assert.match(String(r.message), /Vain dialogin ohjaajat/);
    }
    assert.equal(await story.state(), undefined);
  });

  it("`ohjaa <id>` opens valid controls; the dialogue starts and groups are proposed with quality figures", async () => {
    const [sent] = await story.bot.say(organiser, `ohjaa ${story.dialogueId}`);
    const card = valid(cardOf(sent));
    assert.ok(executeAction(card, "round.startDialogue"));
    const started = await story.controls("round.startDialogue");
    assert.match(textOf(valid(started.card, started)), /Dialogi on alkanut/);
    const again = await story.controls("round.startDialogue");
    assert.match(String(again.message), /jo tehty/);

    const formed = await story.controls("round.form", { round: 1 });
    const text = textOf(valid(formed.card, formed));
    assert.match(text, /Kierroksen 1 ryhmät \(ehdotus\)/);
    // The mix in words, not a raw score ("0.123 (best possible 0.045…)").
    assert.match(text, /Ryhmien sekoittuminen[\s\S]*(Hyvä|Kohtalainen|Epätasainen):/);
    assert.doesNotMatch(text, /\d[.,]\d{3}/);
    assert.match(text, /Uudelleen tapaavat parit/);
    assert.ok(executeAction(formed.card, "round.start"));
    const csv = findAll(formed.card, "Action.OpenUrl")[0]!;
    const res = await fetch(story.app.url + String(csv.url).slice(PUBLIC_URL.length));
    assert.equal(res.status, 200);
    assert.match(await res.text(), /group,breakoutRoom,name/);
    const forged = await fetch(
      story.app.url +
        String(csv.url)
          .slice(PUBLIC_URL.length)
          .replace(/t=[^&]+/, "t=x"),
    );
    assert.equal(forged.status, 404);
  });

  it("describes the mix in words in Swedish and English too (typed commands choose the language)", async () => {
    for (const [command, locale, mix] of [
      ["leda", "fi-FI", /Hur grupperna blandas[\s\S]*(Bra|Godtagbar|Ojämn):/],
      ["facilitate", "fi-FI", /How well the groups mix[\s\S]*(Good|Fair|Uneven):/],
      ["ohjaa", "en-GB", /Ryhmien sekoittuminen[\s\S]*(Hyvä|Kohtalainen|Epätasainen):/],
    ] as const) {
      const [sent] = await story.bot.say({ ...organiser, locale }, `${command} ${story.dialogueId}`);
      const text = textOf(valid(cardOf(sent)));
      assert.match(text, mix, command);
      assert.doesNotMatch(text, /\d[.,]\d{3}/, command);
    }
  });

  it("moves a person between groups before the round starts", async () => {
    const view = await story.controls("round.controls");
    const people = findAll(view.card, "Input.ChoiceSet").find((i) => i.id === "person")!;
    const choice = (people.choices as { title: string; value: string }[])[0]!;
    const from = Number(/\((\d+)\)$/.exec(choice.title)![1]);
    const to = from === 1 ? 2 : 1;
    const moved = await story.controls("round.move", { round: 1, person: choice.value, toGroup: String(to) });
    assert.match(textOf(valid(moved.card, moved)), /Siirretty/);
    const rows = await tableRows(story.app, "Groups", story.dialogueId);
    const target = rows.find((r) => r.rowKey === `r01-g000${to}`)!;
    assert.ok(String(target.members).includes(choice.value));
  });
}
