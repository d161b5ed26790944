import assert from "node:assert/strict";
import { cardOf, executeAction, textOf, valid } from "../../dialogues/conversation-helpers";
import { assertNoPersonalData, coordinator, o2, o3, o4, type SeriesStory } from "./story";

/** Records: anonymised on save, own records only, optimistic concurrency, reminders for missing ones. */
export function recordsSteps(story: SeriesStory): void {
  it("takes records from the card (anonymised) and from the tab", async () => {
    story.clock = Date.parse("2027-04-05T10:00:00Z");
    const form = await story.bot.execute(o2, "series.recordForm", {
      seriesId: story.seriesId,
      dialogueId: story.ids.o2,
    });
    valid(form.card, form);
    const record = {
      seriesId: story.seriesId,
      dialogueId: story.ids.o2,
      version: "0",
      participantsOnSite: "0",
      participantsRemote: "12",
      languages: "fi",
      themes: "Luottamus viranomaisiin\nYksinäisyys",
      insights: "Selkeä kieli lisää luottamusta\nKohtaaminen vähentää yksinäisyyttä",
      notes:
        "Maija Meikäläinen (maija.meikalainen@example.fi) kertoi kokemuksestaan. Pekka sanoi: luottamus viranomaisiin kasvaa, kun päätökset selitetään selkeästi.",
      reachedSeldomHeard: "true",
      seldomHeardGroups: "Nuoret työttömät",
    };
    const saved = await story.bot.execute(o2, "series.submitRecord", record);
    assert.match(textOf(valid(saved.card, saved)), /Muistiinpanot tallennettu/);
    assert.ok(
      executeAction(saved.card, "series.recordForm"),
      "the form is replaced; editing stays one click away",
    );
    // The same card submitted twice (issue #27 item 7) is this save, not "someone changed it".
    const again = await story.bot.execute(o2, "series.submitRecord", record);
    assert.match(textOf(valid(again.card, again)), /Muistiinpanot tallennettu/);
    assert.equal(executeAction(again.card, "series.submitRecord"), undefined);

    const put = await story.api.put(o3, `/api/series/${story.seriesId}/dialogues/${story.ids.o3}/records/1`, {
      participantsOnSite: 20,
      participantsRemote: 0,
      languages: ["sv", "fi"],
      themes: ["luottamus viranomaisiin", "Nuorten osallisuus"],
      insights: ["Selkeä kieli lisää luottamusta"],
      notes:
        "Matti Virtanen, puh. 040 123 4567, matti.virtanen@example.com. Luottamus viranomaisiin syntyy kohtaamisista.",
      reachedSeldomHeard: false,
    });
    assert.equal(put.status, 201, JSON.stringify(put.json));
    story.etags.o3 = String(put.headers.get("etag"));
    assertNoPersonalData(JSON.stringify(put.json), "stored record");
  });

  it("keeps organisers to their own records (403)", async () => {
    assert.equal(
      (await story.api.get(o3, `/api/series/${story.seriesId}/dialogues/${story.ids.o2}/records/1`)).status,
      403,
    );
    const edit = await story.api.put(
      o3,
      `/api/series/${story.seriesId}/dialogues/${story.ids.o2}/records/1`,
      { participantsOnSite: 1, languages: ["fi"] },
      '"1"',
    );
    assert.equal(edit.status, 403);
    assert.equal((await story.api.get(o3, `/api/series/${story.seriesId}/dashboard`)).status, 403);
    const own = await story.api.get(o3, `/api/series/${story.seriesId}/dialogues/${story.ids.o3}/records/1`);
    assert.equal(own.status, 200);
    const viaCard = await story.bot.execute(o4, "series.recordForm", {
      seriesId: story.seriesId,
      dialogueId: story.ids.o2,
    });
    assert.match(String(viaCard.message), /vain omia muistiinpanojasi/);
  });

  it("refuses a stale ETag with 409 and the current record, losing nothing", async () => {
    const path = `/api/series/${story.seriesId}/dialogues/${story.ids.o3}/records/1`;
    const body = {
      participantsOnSite: 21,
      participantsRemote: 0,
      languages: ["sv", "fi"],
      themes: ["luottamus viranomaisiin", "Nuorten osallisuus"],
      insights: ["Selkeä kieli lisää luottamusta"],
      notes: "Luottamus viranomaisiin syntyy kohtaamisista.",
    };
    const first = await story.api.put(o3, path, body, story.etags.o3);
    assert.equal(first.status, 200);
    const stale = await story.api.put(o3, path, { ...body, participantsOnSite: 99 }, story.etags.o3);
    assert.equal(stale.status, 409);
    assert.equal((stale.json.current as { participantsOnSite: number }).participantsOnSite, 21);
    const now = await story.api.get(o3, path);
    assert.equal((now.json.record as { participantsOnSite: number }).participantsOnSite, 21);
    // Put the agreed count back for the statistics below.
    const fix = await story.api.put(
      o3,
      path,
      { ...body, participantsOnSite: 20 },
      String(first.headers.get("etag")),
    );
    assert.equal(fix.status, 200);
  });

  it("shows the missing record on the dashboard and reminds with one click", async () => {
    await story.bot.say(o4, "kierrokset"); // o4 has talked to the bot, so a personal message can reach them
    const dash = await story.api.get(coordinator, `/api/series/${story.seriesId}/dashboard`);
    assert.equal(dash.status, 200);
    const st = dash.json.statistics as { registeredDialogues: number; recordsMissing: number };
    assert.equal(st.registeredDialogues, 3);
    assert.equal(st.recordsMissing, 1);
    const [sent] = await story.bot.say(coordinator, "kierroksen tilanne");
    const card = valid(cardOf(sent));
    assert.match(textOf(card), /Espoon kaupunki/);
    const before = story.connector.calls.length;
    const res = await story.bot.execute(coordinator, "series.remind", { seriesId: story.seriesId });
    assert.match(textOf(valid(res.card, res)), /Muistutus lähetetty 1/);
    const toO4 = story.bot.sentTo(`a:chat-${o4.userId}`, before);
    assert.equal(toO4.length, 1);
    const reminder = valid(cardOf(toO4[0]!.body));
    assert.deepEqual(executeAction(reminder, "series.recordForm")?.data, {
      seriesId: story.seriesId,
      dialogueId: story.ids.o4,
    });
    const row = (
      (await story.api.get(coordinator, `/api/series/${story.seriesId}/dashboard`)).json.rows as {
        id: string;
        reminderCount: number;
      }[]
    ).find((r) => r.id === story.ids.o4);
    assert.equal(row?.reminderCount, 1);
  });

  it("accepts the late record after the reminder", async () => {
    story.clock = Date.parse("2027-05-10T10:00:00Z");
    const put = await story.api.put(o4, `/api/series/${story.seriesId}/dialogues/${story.ids.o4}/records/1`, {
      participantsOnSite: 8,
      participantsRemote: 5,
      languages: ["fi"],
      themes: ["Yksinäisyys"],
      insights: ["Kirjasto on turvallinen kohtaamispaikka"],
      notes: "Yksinäisyys näkyy arjessa monella tavalla.",
      reachedSeldomHeard: true,
      seldomHeardGroups: "Maahan muuttaneet",
    });
    assert.equal(put.status, 201, JSON.stringify(put.json));
  });
}
