import assert from "node:assert/strict";
import { arrangeDialogue, rowsOf } from "../../testing/arrange";
import {
  hiddenInputs,
  mailsTo,
  postForm,
  type PublicApp,
  registerConfirmed,
  useOneClientPublicApp,
} from "./helpers";

const MEETING_URL = "https://teams.microsoft.com/l/meetup-join/manage-ended";

/**
 * The second #27 walkthrough: after the dialogue had ended, an outside person's manage page still
 * said "Sinulla on paikka." with the meeting link and a cancel button, and a cancel then would
 * pass the seat on (a "you got a seat" mail) for a dialogue that is over. Now the page says it has
 * ended (fi/sv/en), keeps only "delete my data" (which passes no seat on either), and a cancel
 * from an old tab changes nothing.
 */
describe("public manage page after the dialogue has ended (fi/sv/en)", function () {
  this.timeout(60_000);
  const app = useOneClientPublicApp();
  let pub: PublicApp;
  before(() => ({ pub } = app));

  it("says it has ended, offers no seat, no meeting link and no cancel; a cancel changes nothing and mails nobody", async () => {
    const start = new Date(app.clock.getTime() + 86400_000);
    const d = await arrangeDialogue(pub.app.app.store, {
      audience: "public",
      capacity: 1,
      start,
      end: new Date(start.getTime() + 7200_000),
      deadline: start,
      meetingUrl: MEETING_URL,
    });
    const seated = await registerConfirmed(pub, d.id, {
      name: "Sara Paikallinen",
      email: "sara@example.org",
    });
    await registerConfirmed(pub, d.id, { name: "Jonne Jonossa", email: "jonne@example.org" });
    const before = await (await fetch(seated)).text();
    assert.match(before, /Sinulla on paikka\./, "before the end: seated, with the meeting link");
    assert.ok(before.includes(MEETING_URL));
    const cancelForm = hiddenInputs(before);

    app.clock = new Date(d.end.getTime() + 60_000);
    for (const [lang, ended, seat, cancel] of [
      ["fi", "Tämä dialogi on päättynyt.", "Sinulla on paikka.", "Peru ilmoittautumiseni"],
      ["sv", "Den här dialogen har avslutats.", "Du har en plats.", "Återkalla min anmälan"],
      ["en", "This dialogue has ended.", "You have a seat.", "Cancel my registration"],
    ] as const) {
      const url = new URL(seated);
      url.searchParams.set("lang", lang);
      const page = await (await fetch(url)).text();
      assert.ok(page.includes(ended), `${lang}: says it has ended`);
      assert.ok(!page.includes(seat), `${lang}: no seat to go to`);
      assert.ok(!page.includes(MEETING_URL), `${lang}: no meeting link`);
      assert.ok(!page.includes(cancel), `${lang}: no cancel`);
      assert.match(page, /\/manage\/delete/, `${lang}: the data can still be deleted`);
    }

    // A cancel posted from a tab opened before the end: nothing changes, nobody is mailed.
    const mailsBefore = (await mailsTo(pub.outbox, "sara@example.org")).length;
    const res = await postForm(`${pub.app.url}/register/${d.id}/manage/cancel`, cancelForm);
    assert.equal(res.status, 303);
    const after = await (await fetch(`${pub.app.url}${res.headers.get("location")}`)).text();
    assert.match(after, /Tämä dialogi on päättynyt\./);
    const rows = (await rowsOf(pub.app.app.store, "Registrations", d.id)).filter(
      (r) => r.rowKey !== "~counts",
    );
    assert.deepEqual(
      rows.map((r) => r.status).sort(),
      ["confirmed", "waitlisted"],
      "nobody cancelled or promoted",
    );
    assert.equal((await mailsTo(pub.outbox, "sara@example.org")).length, mailsBefore, "no cancel mail");
    assert.ok(
      !(await mailsTo(pub.outbox, "jonne@example.org")).some((m) => /Sait paikan/.test(m.subject)),
      "no 'you got a seat' mail after the end",
    );

    // "Delete my data" still works after the end, and frees no seat for the next in line either.
    const erased = await postForm(`${pub.app.url}/register/${d.id}/manage/delete`, cancelForm);
    assert.equal(erased.status, 200);
    const left = (await rowsOf(pub.app.app.store, "Registrations", d.id)).filter(
      (r) => r.rowKey !== "~counts",
    );
    assert.deepEqual(
      left.filter((r) => r.status !== "cancelled").map((r) => r.status),
      ["waitlisted"],
      "the next in line was not promoted by the erasure",
    );
  });
});
