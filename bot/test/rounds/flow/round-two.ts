import assert from "node:assert/strict";
import JSZip from "jszip";
import { executeAction, findAll, textOf, valid } from "../../dialogues/conversation-helpers";
import { cards, eventually, NAME_PARTS, personalActivities, REGISTRANTS } from "../helpers";
import { deliveryRows, waitFor } from "../../../testing/outbox-fleet";
import { organiser, PUBLIC_URL, type RoundsStory } from "./story";

const [, eero, , oskari] = REGISTRANTS;

/**
 * Round 2 and the end: extend, broadcast, member notes; the summary and its exports carry no
 * registrant names.
 */
export function roundTwoSteps(story: RoundsStory): void {
  it("runs round 2: extend, broadcast, notes, end round", async () => {
    story.notesCards.clear();
    const mark = story.connector.calls.length;
    const started = await story.controls("round.start", { round: 2 });
    assert.match(textOf(valid(started.card, started)), /Kierros 2 alkoi/);
    const extended = await story.controls("round.extend", { round: 2, minutes: "10" });
    assert.match(textOf(valid(extended.card, extended)), /päättyy nyt klo 10\.40/);
    const told = await story.controls("round.broadcast", { round: 2, message: "Viisi minuuttia lisäaikaa" });
    assert.match(textOf(valid(told.card, told)), /Viesti lähetetty 12/);
    // Every round-2 message (group cards, then the scribes' notes cards) has left the outbox before
    // the notes cards are collected: a scribe's notes card follows their group card.
    await waitFor(
      "round 2's messages delivered",
      async () =>
        ((rows) => rows.length > 0 && rows.every((row) => row.status !== "pending"))(
          await deliveryRows(story.app.app.store, story.dialogueId),
        ),
      20_000,
    );
    for (const r of REGISTRANTS) {
      await eventually(`round 2 for ${r.userName}`, () =>
        cards(personalActivities(story.connector, r.userId, mark)).some((c) =>
          /Kierros 2 · Ryhmä|Omgång 2 · Grupp/.test(textOf(c)),
        ),
      );
      const notes = cards(personalActivities(story.connector, r.userId, mark)).find((c) =>
        executeAction(c, "notes.save"),
      );
      if (notes) story.notesCards.set(r.userId, valid(notes));
    }
    for (const [userId, card] of story.notesCards) {
      const scribe = REGISTRANTS.find((r) => r.userId === userId)!;
      const r = await story.bot.execute(scribe, "notes.save", {
        ...executeAction(card, "notes.save")!.data,
        text: "Oskari Ojala muistutti, että palvelut pitää selittää.",
        themes: "luottamus, selkeä kieli",
        insights: "",
      });
      valid(r.card, r);
    }
    // A member who is not the scribe: refused until the facilitator lets members write.
    const member = REGISTRANTS.find((r) => !story.notesCards.has(r.userId) && r.language === "fi")!;
    // The reply is read among what reached the member's chat during the turn: the outbox may deliver
    // an earlier round message to the same chat at the same moment.
    const replies = await story.bot.say(member, `muistiinpano ${story.dialogueId}`);
    assert.ok(
      replies.some((a) => /kirjoittaa ryhmän kirjuri/.test(String(a.text))),
      `refusal expected, got: ${JSON.stringify(replies.map((a) => a.text))}`,
    );
    const allowed = await story.controls("round.memberNotes", { allow: true });
    assert.match(textOf(valid(allowed.card, allowed)), /Asetus tallennettu/);
    const fromChannel = await story.bot.say(member, `muistiinpano ${story.dialogueId}`, {
      conversationType: "channel",
      conversationId: "19:rounds-channel@thread.tacv2",
    });
    assert.match(String(fromChannel[0]!.text), /henkilökohtaiseen keskusteluusi/);
    const memberCard = valid(cards(personalActivities(story.connector, member.userId, mark)).at(-1)!);
    const memberNote = await story.bot.execute(member, "notes.save", {
      ...executeAction(memberCard, "notes.save")!.data,
      text: "Lisäys: asiointi on helpottunut.",
      themes: "asiointi",
      insights: "",
    });
    valid(memberNote.card, memberNote);
    const ended = await story.controls("round.end", { round: 2 });
    assert.match(textOf(valid(ended.card, ended)), /Kierros 2 päättyi/);
    // Round 1's notes closed when round 2 started.
    const [oldScribe] = [...story.notesCards];
    const late = await story.bot.execute(
      REGISTRANTS.find((r) => r.userId === oldScribe![0])!,
      "notes.save",
      {
        ...executeAction(oldScribe![1], "notes.save")!.data,
        round: 1,
        noteId: crypto.randomUUID(),
        text: "myöhässä",
      },
    );
    assert.match(String(late.message), /suljettu|stängda|jäsen|inte med/);
  });

  it("ends the dialogue: the organiser gets the summary; exports carry no registrant names", async () => {
    // Ended from an English card: the summary comes in English too (issue #27 item 16).
    const english = { ...organiser, locale: "en-US" };
    await story.bot.say(english, "help"); // typing in English makes English the organiser's language
    const mark = story.connector.calls.length;
    const ended = await story.controls("round.endDialogue", {}, english);
    valid(ended.card, ended);
    assert.match(textOf(ended.card), /The dialogue has ended/);
    const summaryMessage = await eventually("summary to the organiser", () =>
      cards(personalActivities(story.connector, organiser.userId, mark)).find((c) =>
        /Summary/.test(textOf(c)),
      ),
    );
    const summary = valid(summaryMessage);
    const text = textOf(summary);
    assert.doesNotMatch(text, /Yhteenveto|Osallistujat/);
    assert.match(text, /Participants[\s\S]*12/);
    assert.match(text, /Rounds[\s\S]*2/);
    await story.bot.say(organiser, "apua"); // back to Finnish for the steps after this one
    assert.match(text, /luottamus/);
    const links = findAll(summary, "Action.OpenUrl").map((a) => String(a.url));
    assert.equal(links.length, 3);
    const bodies: string[] = [];
    for (const url of links) {
      const res = await fetch(story.app.url + url.slice(PUBLIC_URL.length));
      assert.equal(res.status, 200, url);
      if (url.includes("summary.docx")) {
        const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
        const xml = await zip.file("word/document.xml")!.async("string");
        assert.match(xml, /luottamus/);
        bodies.push(xml);
      } else bodies.push(await res.text());
    }
    for (const body of bodies) {
      for (const name of NAME_PARTS) assert.ok(!body.includes(name), `"${name}" in an export`);
    }
    // What was agreed: the ground-rules texts the participants accepted, in every format.
    const accepted = /current 4 ground rules, (Finnish|Swedish|English): \d+/;
    assert.match(bodies[links.findIndex((u) => u.includes("summary.md"))]!, accepted);
    assert.match(bodies[links.findIndex((u) => u.includes("summary.docx"))]!, accepted);
    assert.match(
      bodies[links.findIndex((u) => u.includes("summary.csv"))]!,
      /current4\/(fi|sv|en)\/[0-9a-f]{8}: \d+/,
    );
    void oskari;
    const participant = await story.controls("summary.open", {}, eero!);
    assert.match(String(participant.message), /Vain dialogin ohjaajat/);
  });
}
