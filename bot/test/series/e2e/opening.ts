import assert from "node:assert/strict";
import { cardOf, executeAction, textOf, valid } from "../../dialogues/conversation-helpers";
import { seriesBody } from "../api-client";
import { coordinator, o2, outsider, type SeriesStory } from "./story";

/** Opening: only coordinators open a series; the sign-up card is announced in a channel. */
export function openingSteps(story: SeriesStory): void {
  it("refuses non-coordinators in the bot (translated) and the API (403)", async () => {
    const [reply] = await story.bot.say(outsider, "uusi dialogisarja");
    assert.match(String(reply?.text), /Vain kansallisten dialogien koordinaattorit/);
    const res = await story.api.post(outsider, "/api/series", seriesBody());
    assert.equal(res.status, 403);
    assert.equal(res.json.error, "notCoordinator");
    assert.equal((await story.api.get(undefined, "/api/series")).status, 401);
  });

  it("lets the coordinator open a series from the bot's form", async () => {
    const [sent] = await story.bot.say(coordinator, "uusi dialogisarja");
    const form = valid(cardOf(sent));
    const submit = executeAction(form, "series.create")!;
    const b = seriesBody();
    const inputs = {
      ...submit.data,
      theme: b.theme,
      question: b.question,
      periodStart: b.periodStart,
      periodEnd: b.periodEnd,
      registrationDeadline: b.registrationDeadline,
      recordsDeadline: b.recordsDeadline,
      languages: "fi,sv",
      invitationFi: b.materials.invitation.fi,
      invitationSv: b.materials.invitation.sv,
      discussionGuide: b.materials.discussionGuide,
      groundRules: b.materials.groundRules,
    };
    // The form is replaced by its result (the new series' dashboard), not answered with a text.
    const opened = await story.bot.execute(coordinator, "series.create", inputs);
    assert.match(textOf(valid(opened.card, opened)), /Dialogisarja "Luottamus arjessa" avattu/);
    assert.equal(executeAction(opened.card, "series.create"), undefined, "no live form left");
    // A second click on the same card (issue #27 item 7) is recognised: nothing new is created.
    const again = await story.bot.execute(coordinator, "series.create", inputs);
    assert.match(textOf(valid(again.card, again)), /avattiin jo tästä lomakkeesta/);
    const list = await story.api.get(coordinator, "/api/series");
    const items = list.json.items as { id: string; theme: string; etag: string }[];
    assert.equal(items.length, 1);
    story.seriesId = items[0]!.id;
    assert.equal(items[0]!.theme, "Luottamus arjessa");
  });

  it("seeds the spring 2023 regular organisers", async () => {
    const res = await story.api.get(o2, "/api/series/organisers");
    const names = (res.json.items as { name: string; kind: string }[]).map((o) => o.name);
    assert.equal(names.length, 41);
    assert.ok(names.includes("Erätauko-säätiö") && names.includes("Ulkoministeriö/Kathmandu Nepal"));
  });

  it("announces: the sign-up card goes to the channel where it is typed", async () => {
    const sent = await story.bot.say(coordinator, "julkaise kierros", {
      conversationType: "channel",
      conversationId: "19:network@thread.tacv2",
    });
    const card = valid(cardOf(sent.find((a) => a.attachments)));
    assert.match(textOf(card), /Luottamus arjessa/);
    assert.ok(executeAction(card, "series.signup"));
    assert.ok(executeAction(card, "series.subscribe"));
    assert.match(String(sent.find((a) => a.text)?.text), /Ilmoittautumiskortti lähetetty/);
  });
}
