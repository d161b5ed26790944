import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { useTabHarness, type Persona } from "./harness";

/** A calendar date `days` from today (the server checks deadlines against its own clock). */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe("tab: national dialogue series dashboard (#/series, real server, dev sign-in)", function () {
  this.timeout(30_000);
  const h = useTabHarness();
  let seriesId = "";

  /** The API in Finnish as `persona`; asserts a 2xx answer. */
  const api = <T>(persona: Persona, path: string, method = "GET", body?: unknown) =>
    h.api<T>(persona, path, {
      method,
      headers: { "accept-language": "fi" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  before(async () => {
    const { series } = await api<{ series: { id: string } }>("coordinator", "/api/series", "POST", {
      theme: "Luottamus arjessa",
      question: "Mikä vahvistaa luottamusta toisiin ihmisiin ja yhteiskuntaan?",
      periodStart: day(-10),
      periodEnd: day(20),
      registrationDeadline: day(10),
      recordsDeadline: day(30),
      languages: ["fi", "sv"],
      materials: {
        invitation: { fi: "Tervetuloa dialogiin.", sv: "Välkommen till dialogen.", en: "" },
        discussionGuide: "1. Tervetuloa 2. Pelisäännöt 3. Kierros",
        groundRules: "Kuuntele. Puhu omasta kokemuksesta.",
      },
    });
    seriesId = series.id;
    const dialogue = (organisation: string, extra: Record<string, unknown>) => ({
      kind: "reported",
      organisation,
      date: day(-2),
      language: "fi",
      targetGroup: "Kaikki",
      expectedParticipants: 20,
      ...extra,
    });
    // A reported dialogue with its record (VM staff) and one whose record is missing (reader).
    const held = await api<{ dialogue: { id: string } }>(
      "staff-vm",
      `/api/series/${seriesId}/dialogues`,
      "POST",
      dialogue("Valtiovarainministeriö", {
        title: "Luottamus virastoissa",
        mode: "hybrid",
        region: "uusimaa",
      }),
    );
    await api("staff-vm", `/api/series/${seriesId}/dialogues/${held.dialogue.id}/records/1`, "PUT", {
      participantsOnSite: 12,
      participantsRemote: 3,
      languages: ["fi", "sv"],
      themes: ["Selkeä kieli"],
      insights: ["Selkeä kieli lisää luottamusta"],
      notes: "Hyvä keskustelu.",
      reachedSeldomHeard: true,
      seldomHeardGroups: "Nuoret",
    });
    await api(
      "reader",
      `/api/series/${seriesId}/dialogues`,
      "POST",
      dialogue("Tampereen kirjasto", { title: "Kirjastodialogi", mode: "inPerson", region: "pirkanmaa" }),
    );
  });
  beforeEach(() => {
    // No summary compiled yet is a documented 404 (`noSummary`) that Chromium logs as an error.
    h.expectNoise(/status of 404/, /\/api\/series\/[^/]+\/summary$/);
  });
  const open = (hash: string, as: Persona) => h.open(hash, { as });
  const axeClean = h.axeClean;

  const stat = async (page: Page, key: string) =>
    (await page.locator(`[data-stat="${key}"] dd`).innerText()).trim();

  it("shows a coordinator the statistics and the missing record; remind reports success; axe-clean", async () => {
    const page = await open("#/directory", "coordinator");
    await page.locator("nav").getByRole("link", { name: "Dialogisarjat" }).click();
    await page.locator("main h1").filter({ hasText: "Kansalliset dialogisarjat" }).waitFor();
    // A series is a "dialogisarja" / "dialogserie" / "dialogue series", never a round (#20).
    await page.locator('button[lang="sv"]').click();
    await page.locator("nav").getByRole("link", { name: "Dialogserier" }).waitFor();
    await page.locator("main h1").filter({ hasText: "Nationella dialogserier" }).waitFor();
    await page.locator('button[lang="en"]').click();
    await page.locator("main h1").filter({ hasText: "National dialogue series" }).waitFor();
    await page.locator('button[lang="fi"]').click();
    await page.getByRole("link", { name: "Luottamus arjessa" }).click();
    await page.locator("main h1").filter({ hasText: "Luottamus arjessa" }).waitFor();

    assert.equal(await stat(page, "registeredDialogues"), "2");
    assert.equal(await stat(page, "dialogues"), "1");
    assert.equal(await stat(page, "recordsMissing"), "1");
    assert.equal(await stat(page, "participants"), "15");
    assert.equal(await stat(page, "participantsOnSite"), "12");
    assert.equal(await stat(page, "participantsRemote"), "3");
    assert.equal(await stat(page, "organisers"), "1");
    const statistics = page.locator('section[aria-labelledby="series-stats"]');
    await statistics.getByText("ruotsi: 1").waitFor();
    await statistics.getByText("Pirkanmaa: 1").waitFor();

    const table = page.getByRole("table", { name: "Ilmoitetut dialogit" });
    assert.equal(await table.locator("tbody tr").count(), 2);
    await table.getByRole("rowheader", { name: "Tampereen kirjasto" }).waitFor();
    await page.getByRole("heading", { name: "Puuttuvat (1)" }).waitFor();
    await page.getByText("Yhteenvetoa ei ole vielä koottu.").waitFor();
    await axeClean(page, "series dashboard");

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Lataa ilmoitetut dialogit (CSV)" }).click(),
    ]);
    assert.match(csv.suggestedFilename(), /^series-.+-dialogues\.csv$/);

    const remind = page.getByRole("button", {
      name: "Lähetä muistutus: Tampereen kirjasto: Kirjastodialogi",
    });
    // The first request reaches the server but its answer is lost (a timeout): the coordinator
    // sees an error and clicks again. The retry carries the same id, so nobody is reminded twice.
    const sentIds: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/reminders"))
        sentIds.push(String((r.postDataJSON() as { requestId?: string }).requestId));
    });
    const reminders = /\/api\/series\/[^/]+\/reminders$/;
    // The browser logs the failure we inject; any other error still fails the test.
    h.expectNoise(/ERR_TIMED_OUT/, reminders);
    await page.route(reminders, async (route) => {
      await route.fetch();
      await route.abort("timedout");
    });
    await remind.click();
    const status = page.locator('#series-remind-result[role="status"][aria-live="polite"]');
    await status.filter({ hasText: /^Muistutus epäonnistui/ }).waitFor();
    await page.unroute(reminders);
    await remind.click();
    await status.filter({ hasText: /^Muistutus (lähetetty|kirjattu): Tampereen kirjasto/ }).waitFor();
    assert.equal(sentIds.length, 2);
    assert.match(sentIds[0]!, /^[0-9a-f-]{32,36}$/);
    assert.equal(sentIds[1], sentIds[0], "the retry is the same request");
    await page.getByText(/muistutettu 1 kertaa/).waitFor();
    await axeClean(page, "series dashboard after a reminder");
    // A new click after the success is a new reminder.
    await remind.click();
    await page.getByText(/muistutettu 2 kertaa/).waitFor();
    assert.equal(sentIds.length, 3);
    assert.notEqual(sentIds[2], sentIds[0], "a new click, a new id");
  });

  it("tells a reader the dashboards are for coordinators and lists their own dialogue", async () => {
    const page = await open(`#/series/${seriesId}`, "reader");
    await page
      .getByText("Dialogisarjojen tilannenäkymä on vain kansallisten dialogien koordinaattoreille.")
      .waitFor();
    await page.getByText(/Kirjastodialogi, .* — muistiinpanot puuttuvat/).waitFor();
    assert.equal(await page.locator('nav a[href="#/series"]').count(), 0, "no nav link for readers");
    await axeClean(page, "series (reader)");
  });
});
