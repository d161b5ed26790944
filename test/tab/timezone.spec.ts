import assert from "node:assert/strict";
import { useTabHarness } from "./harness";

/** A calendar date `days` from today (the server checks dates against its own clock). */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("tab shows Finnish time (Europe/Helsinki) whatever the browser's time zone", function () {
  this.timeout(120_000);
  // Seven hours behind Helsinki (and a different DST rule), so a wrong zone is plain to see.
  const h = useTabHarness(undefined, { timezoneId: "America/New_York" });

  it("a peer dialogue set for 9.00–11.00 Finnish time reads 9.00–11.00 in New York too (fi/sv/en, English day-first 24-hour)", async () => {
    const { peer } = await h.api<{ peer: { dialogueId: string } }>("coordinator", "/api/peer", {
      method: "POST",
      body: JSON.stringify({
        theme: "Aikavyöhykkeen vertaisdialogi",
        date: day(30),
        startTime: "09:00",
        endTime: "11:00",
        mode: "remote",
        meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_tz%40thread.v2/0",
        organisations: [
          { orgId: "vm", contacts: [{ name: "Ville V", email: "ville@vm.example" }] },
          { orgId: "om", contacts: [{ name: "Olli O", email: "olli@om.example" }] },
        ],
      }),
    });
    const page = await h.open(`#/calendar?dialogue=${peer.dialogueId}`, { as: "reader" });
    assert.equal(
      await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
      "America/New_York",
      "the browser really is elsewhere",
    );
    const item = page.locator(`article[aria-labelledby="pd-${peer.dialogueId}"]`);
    await item.waitFor();
    assert.match(await item.innerText(), /klo 9\.00–11\.00/);
    // <html lang> changes before the list re-renders: wait for wording only that language has
    // ("Organisationer", "Organisations"), then read the time.
    await h.setLanguage(page, "sv");
    await item.getByText("Organisationer:").waitFor();
    assert.match(await item.innerText(), /(?<![\d.:])09:00–11:00/, "Swedish writes 09:00, Finnish klo 9.00");
    await h.setLanguage(page, "en");
    await item.getByText("Organisations:").waitFor();
    // English is written as the cards write it: day before month, 24-hour clock, Finnish time.
    const en = await item.innerText();
    assert.doesNotMatch(en, /\b[AP]M\b/i, "no 12-hour clock");
    const [, dayOfMonth, year] = /\b(\d{1,2}) [A-Z][a-z]{2,3} (\d{4}), 09:00–11:00/.exec(en) ?? [];
    assert.ok(dayOfMonth, `day-first date and 09:00–11:00 in: ${en}`);
    const [y, , d] = day(30).split("-");
    assert.equal(`${dayOfMonth}/${year}`, `${Number(d)}/${y}`);
  });
});
