import assert from "node:assert/strict";
import JSZip from "jszip";
import { cardOf, textOf, valid } from "../../dialogues/conversation-helpers";
import { assertNoPersonalData, coordinator, o3, o4, reader, type SeriesStory } from "./story";

/** Summary: figures, exports and publishing without personal data; records close after the deadline. */
export function summarySteps(story: SeriesStory): void {
  it("compiles the summary with the right figures, themes and organisers", async () => {
    assert.equal((await story.api.post(o3, `/api/series/${story.seriesId}/summary`, {})).status, 403);
    const res = await story.api.post(coordinator, `/api/series/${story.seriesId}/summary`, {
      analysis: "Luottamus rakentuu kohtaamisissa.",
    });
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const s = res.json.summary as {
      statistics: {
        dialogues: number;
        participants: number;
        participantsOnSite: number;
        participantsRemote: number;
        organisers: number;
        reachedSeldomHeard: number;
      };
      themes: { theme: string; count: number; quotes: string[] }[];
      organisations: string[];
    };
    assert.deepEqual(
      {
        d: s.statistics.dialogues,
        p: s.statistics.participants,
        on: s.statistics.participantsOnSite,
        re: s.statistics.participantsRemote,
        o: s.statistics.organisers,
        sh: s.statistics.reachedSeldomHeard,
      },
      { d: 3, p: 45, on: 28, re: 17, o: 3, sh: 2 },
    );
    assert.deepEqual(
      s.themes.map((t) => [t.theme, t.count]),
      [
        ["Luottamus viranomaisiin", 2],
        ["Yksinäisyys", 2],
        ["Nuorten osallisuus", 1],
      ],
    );
    assert.ok(s.themes[0]!.quotes.length >= 1);
    assert.deepEqual(s.organisations, ["Erätauko-säätiö", "Espoon kaupunki", "Kela"]);
    assertNoPersonalData(JSON.stringify(res.json), "summary JSON");
    // Not published yet: only coordinators can read it.
    assert.equal((await story.api.get(reader, `/api/series/${story.seriesId}/summary`)).status, 404);
  });

  it("exports Word, Markdown and CSV without personal data", async () => {
    const docx = await story.api.download(coordinator, `/api/series/${story.seriesId}/summary.docx`);
    assert.equal(docx.status, 200);
    assert.match(docx.type, /wordprocessingml/);
    const xml = await (await JSZip.loadAsync(docx.body)).file("word/document.xml")!.async("string");
    assert.match(xml, /3 dialogia, 45 osallistujaa \(28 paikan päällä, 17 Teamsissa\), 3 järjestäjää/);
    assert.match(xml, /Luottamus viranomaisiin \(2\)/);
    assert.match(xml, /Erätauko-säätiö/);
    assertNoPersonalData(xml, "docx");
    const md = await story.api.download(coordinator, `/api/series/${story.seriesId}/summary.md`);
    assert.match(md.body.toString("utf8"), /^# Luottamus arjessa/);
    assertNoPersonalData(md.body.toString("utf8"), "markdown");
    const csv = (
      await story.api.download(coordinator, `/api/series/${story.seriesId}/summary.csv`)
    ).body.toString("utf8");
    assert.ok(csv.startsWith("\ufeff") && csv.includes("\r\n"));
    assert.match(csv, /statistics,participants,45,/);
    assertNoPersonalData(csv, "csv");
    const dialoguesCsv = await story.api.download(coordinator, `/api/series/${story.seriesId}/export.csv`);
    assert.equal(dialoguesCsv.status, 200);
    assert.equal(dialoguesCsv.body.toString("utf8").trim().split("\r\n").length, 4);
    assert.equal((await story.api.download(o3, `/api/series/${story.seriesId}/export.csv`)).status, 403);
  });

  it("publishes to subscribers in Teams and in the API", async () => {
    await story.bot.say(reader, "series");
    const sub = await story.bot.execute(reader, "series.subscribe", { seriesId: story.seriesId });
    assert.match(String(sub.message), /Subscribed/);
    const before = story.connector.calls.length;
    const res = await story.api.post(coordinator, `/api/series/${story.seriesId}/summary/publish`);
    assert.equal(res.status, 200);
    assert.equal(res.json.sent, 1);
    const toReader = story.bot.sentTo(`a:chat-${reader.userId}`, before);
    assert.equal(toReader.length, 1);
    const card = valid(cardOf(toReader[0]!.body));
    assert.match(textOf(card), /3 dialogues, 45 participants \(28 on site, 17 on Teams\), 3 organisers/);
    assertNoPersonalData(JSON.stringify(card), "published card");
    const got = await story.api.get(reader, `/api/series/${story.seriesId}/summary`);
    assert.equal(got.status, 200);
    assert.equal(got.json.summary && (got.json.summary as { published: boolean }).published, true);
  });

  it("closes records after the deadline (server clock)", async () => {
    story.clock = Date.parse("2027-05-16T10:00:00Z");
    const res = await story.api.put(
      o4,
      `/api/series/${story.seriesId}/dialogues/${story.ids.o4}/records/1`,
      { participantsOnSite: 9, languages: ["fi"] },
      '"1"',
    );
    assert.equal(res.status, 403);
    assert.equal(res.json.error, "recordsClosed");
    assert.match(String(res.json.message), /määräaika/);
  });
}
