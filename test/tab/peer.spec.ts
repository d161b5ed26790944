import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

/** A calendar date `days` from today (the server checks dates against its own clock). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("tab: peer dialogues — distinct views, in the organisations' upcoming section, helpful empty states (fi/sv/en)", function () {
  this.timeout(120_000);
  const h = useTabHarness();

  it("empty calendar without filters says how dialogues get scheduled; with filters, what to change", async () => {
    const page = await h.open("#/calendar", { as: "reader" });
    await page.getByText(/Vertaisdialogeja ei ole vielä ajoitettu\. Koordinaattori ajoittaa/).waitFor();
    assert.equal(await page.getByText("Suodattimia vastaavia").count(), 0);
    await h.setLanguage(page, "sv");
    await page.getByText(/Inga kamratdialoger har schemalagts ännu/).waitFor();
    await h.setLanguage(page, "en");
    await page.getByText(/No peer dialogues have been scheduled yet/).waitFor();
    await page.getByLabel("Theme").fill("zzz");
    await page.getByText(/No peer dialogues match the filters\. Try another/).waitFor();
  });

  it("names the directory and the calendar differently, and lists a scheduled dialogue under its organisations' upcoming", async () => {
    const theme = "Avoimen datan vertaisdialogi";
    const { peer } = await h.api<{ peer: { dialogueId: string } }>("coordinator", "/api/peer", {
      method: "POST",
      body: JSON.stringify({
        theme,
        date: day(20),
        startTime: "09:00",
        endTime: "11:00",
        mode: "remote",
        meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0",
        organisations: [
          { orgId: "vm", contacts: [{ name: "Ville V", email: "ville@vm.example" }] },
          { orgId: "om", contacts: [{ name: "Olli O", email: "olli@om.example" }] },
        ],
      }),
    });

    const page = await h.open("#/org/vm", { as: "reader" });
    const nav = page.locator("nav");
    const names = [
      await nav.getByRole("link", { name: "Vertaisdialogihakemisto" }).count(),
      await nav.getByRole("link", { name: "Vertaisdialogikalenteri" }).count(),
    ];
    assert.deepEqual(names, [1, 1]);
    const upcoming = page.locator('section[aria-labelledby="section-upcoming"]');
    const link = upcoming.getByRole("link", { name: theme });
    await link.waitFor();
    assert.match(await upcoming.innerText(), /vertaisdialogi · Ajoitettu/);
    await h.axeClean(page, "organisation page with an upcoming peer dialogue");

    await link.click();
    const item = page.locator(`article[aria-labelledby="pd-${peer.dialogueId}"]`);
    await item.waitFor();
    const text = await item.innerText();
    // Start and end (two hours, Finnish time).
    assert.match(text, /klo 9\.00–11\.00/, `start and end time: ${text}`);
    assert.match(text, /Ilmoittautuminen: kutsukortilla Teamsissa/);
    assert.match(text, /Valtiovarainministeriö, Oikeusministeriö/);
    await h.setLanguage(page, "sv");
    await item.getByText(/Anmälan: på inbjudningskortet i Teams/).waitFor();
    // The directory's Swedish and English names, not the Finnish ones stored at scheduling.
    assert.match(await item.innerText(), /Finansministeriet, Justitieministeriet/);
    await nav.getByRole("link", { name: "Kalender för kamratdialoger" }).waitFor();
    await h.setLanguage(page, "en");
    await item.getByText(/To register: use the invitation card in Teams/).waitFor();
    assert.match(await item.innerText(), /Ministry of Finance, Ministry of Justice/);
    assert.equal(await item.locator('[lang="fi"]').count(), 0, "no Finnish fallback needed");
    await nav.getByRole("link", { name: "Peer-dialogue calendar" }).waitFor();
  });
});
