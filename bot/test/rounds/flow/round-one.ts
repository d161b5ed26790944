import assert from "node:assert/strict";
import { executeAction, textOf, valid } from "../../dialogues/conversation-helpers";
import { cards, eventually, personalActivities, REGISTRANTS, tableRows } from "../helpers";
import { type RoundsStory } from "./story";

const [aino] = REGISTRANTS;

/**
 * Round 1: started once, group cards to everyone, scribe notes stored once and anonymised,
 * timers from the job queue.
 */
export function roundOneSteps(story: RoundsStory): void {
  it("starts round 1 once even when clicked twice at once; everyone gets their group personally", async () => {
    story.clock = new Date("2030-03-25T07:30:00Z");
    const mark = story.connector.calls.length;
    const [a, b] = await Promise.all([
      story.controls("round.start", { round: 1 }),
      story.controls("round.start", { round: 1 }),
    ]);
    const outcomes = [a, b].map((r) => (r.card ? "card" : String(r.message)));
    assert.equal(outcomes.filter((o) => o === "card").length, 1, JSON.stringify(outcomes));
    assert.match(
      outcomes.find((o) => o !== "card")!,
      /jo tehty|käynnissä/,
    );
    for (const r of REGISTRANTS) {
      const got = await eventually(`group card for ${r.userName}`, () => {
        const mine = cards(personalActivities(story.connector, r.userId, mark));
        return mine.length > 0 && mine;
      });
      const group = valid(got[0]);
      const text = textOf(group);
      assert.match(text, r.language === "fi" ? /Kierros 1 · Ryhmä \d/ : /Omgång 1 · Grupp \d/);
      assert.match(text, r.language === "fi" ? /päättyy klo 10\.00/ : /slutar kl\. 10\.00/);
      assert.match(text, r.language === "fi" ? /Kuuntele/ : /Lyssna/);
    }
    await new Promise((r) => setTimeout(r, 200));
    // One announcement per person, not two.
    for (const r of REGISTRANTS) {
      const groupCards = cards(personalActivities(story.connector, r.userId, mark)).filter(
        (c) => !executeAction(c, "notes.save") && /Kierros 1 · Ryhmä|Omgång 1 · Grupp/.test(textOf(c)),
      );
      assert.equal(groupCards.length, 1, r.userName);
      const notes = cards(personalActivities(story.connector, r.userId, mark)).find((c) =>
        executeAction(c, "notes.save"),
      );
      if (notes) story.notesCards.set(r.userId, valid(notes));
    }
    assert.ok(story.notesCards.size >= 2, "every group has a scribe with a notes card");
  });

  it("stores each scribe's notes once (duplicate submit), masks names, refuses non-members and oversize notes", async () => {
    let groupsWithNotes = 0;
    for (const [userId, card] of story.notesCards) {
      const scribe = REGISTRANTS.find((r) => r.userId === userId)!;
      const save = executeAction(card, "notes.save")!;
      const input = {
        ...save.data,
        text: `Keskustelimme luottamuksesta. ${aino!.userName} ja Stina kertoivat kokemuksistaan.`,
        themes: "luottamus, avoimuus",
        insights: "Selkeä kieli lisää luottamusta",
      };
      const first = await story.bot.execute(scribe, "notes.save", input);
      const second = await story.bot.execute(scribe, "notes.save", input);
      for (const r of [first, second]) {
        const text = textOf(valid(r.card, r));
        assert.match(text, /Tallennettu klo 9\.30|Sparat kl\. 9\.30/);
        assert.ok(!text.includes("Aaltonen") && !/\bStina\b/.test(text), "names are masked in the preview");
      }
      groupsWithNotes++;
    }
    const notes = await story.noteRows();
    assert.equal(notes.length, groupsWithNotes, "one row per card, however often it is submitted");
    for (const row of notes) {
      assert.deepEqual(
        Object.keys(row).filter((k) => /user|author|aad|name/i.test(k)),
        [],
        "no author in the note row",
      );
    }

    // Someone of another group submits to this group's card: refused, nothing stored.
    const [scribeId, card] = [...story.notesCards][0]!;
    const save = executeAction(card, "notes.save")!;
    const group = (await tableRows(story.app, "Groups", story.dialogueId)).find(
      (r) => r.rowKey === `r01-g${String(save.data.group).padStart(4, "0")}`,
    )!;
    const outsider = REGISTRANTS.find(
      (r) => r.userId !== scribeId && !String(group.members).includes(r.userId),
    )!;
    const refused = await story.bot.execute(outsider, "notes.save", {
      ...save.data,
      noteId: crypto.randomUUID(),
      text: "x",
    });
    assert.match(String(refused.message), /not a member|jäsen|inte med/);
    // Oversize: a clear message and nothing stored.
    const scribe = REGISTRANTS.find((r) => r.userId === scribeId)!;
    const big = await story.bot.execute(scribe, "notes.save", {
      ...save.data,
      noteId: crypto.randomUUID(),
      text: "a".repeat(200_000),
    });
    assert.equal(big.card, undefined);
    assert.match(String(big.message), /liian pitkä|för lång/);
    assert.equal((await story.noteRows()).length, notes.length);
  });

  it("fires '5 minutes left' and 'round over' from the durable job queue on the (fake) clock", async () => {
    const mark = story.connector.calls.length;
    story.clock = new Date("2030-03-25T07:55:00Z");
    await eventually("5-minute warnings", () =>
      REGISTRANTS.every((r) =>
        personalActivities(story.connector, r.userId, mark).some((a) =>
          /5 minuuttia|5 minuter/.test(String(a.text)),
        ),
      ),
    );
    story.clock = new Date("2030-03-25T08:00:00Z");
    await eventually("round over", () =>
      REGISTRANTS.every((r) =>
        personalActivities(story.connector, r.userId, mark).some((a) =>
          /päättynyt|är slut/.test(String(a.text)),
        ),
      ),
    );
    const s = await story.state();
    assert.equal(s!.running, false);
    assert.equal(s!.round, 1);
  });
}
