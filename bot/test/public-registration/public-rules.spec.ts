import assert from "node:assert/strict";
import { driver, type Actor } from "../dialogues/conversation-helpers";
import { arrangeDialogue, ORGANISER, rowsOf } from "../../testing/arrange";
import {
  hiddenInputs,
  linkIn,
  postForm,
  type PublicApp,
  registerConfirmed,
  startPublicApp,
  submitRegistration,
  waitForMail,
} from "./helpers";

const teamsUser: Actor = { userId: "aad-rules-teams", userName: "Tiina Teams", locale: "fi-FI" };
const organiser: Actor = { userId: ORGANISER, userName: "Olli Organiser", locale: "fi-FI" };

/** The partition's rows about people: the page's mail-budget counters (`m-…`) hold no personal data. */
const personalRows = async (pub: PublicApp, dialogueId: string) =>
  (await rowsOf(pub.app.app.store, "PublicRegistrants", dialogueId)).filter(
    (r) => !String(r.rowKey).startsWith("m-"),
  );

const people = async (pub: PublicApp, dialogueId: string) =>
  (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).filter((r) => r.rowKey !== "~counts");

describe("public registration: manage, cancel, delete, expiry, privacy", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  let clock = new Date();
  const logLines: string[] = [];

  before(async () => {
    pub = await startPublicApp({ env: { JOB_POLL_MS: "50" }, overrides: { now: () => clock }, logLines });
    bot = driver(pub.app, pub.connector);
    await bot.say(teamsUser, "help");
  });
  after(() => pub.close());

  it("one seat pool: an external person waits behind a Teams registrant and is promoted (by e-mail) when they cancel", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { capacity: 1, audience: "public" });
    const teams = await bot.execute(teamsUser, "registration.submit", {
      dialogueId: d.id,
      language: "fi",
      acceptRules: "true",
    });
    assert.ok(teams.card);
    const manage = await registerConfirmed(pub, d.id, {
      name: "Ville Jono",
      email: "ville@example.org",
      consent: true,
    });
    assert.match(await (await fetch(manage)).text(), /Olet jonossa/);
    await waitForMail(pub.outbox, "ville@example.org", (m) => /Olet jonossa/.test(m.subject));
    await bot.execute(teamsUser, "registration.cancel", { dialogueId: d.id });
    const promoted = await waitForMail(pub.outbox, "ville@example.org", (m) => /Sait paikan/.test(m.subject));
    assert.match(promoted.text, /\/manage\?/);
    assert.match(await (await fetch(manage)).text(), /Sinulla on paikka/);
  });

  it("manage → cancel frees the seat and mails a confirmation; the manage page then offers no cancel", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { capacity: 5, audience: "public" });
    const manage = await registerConfirmed(pub, d.id, {
      name: "Cecilia Peru",
      email: "cecilia@example.org",
      consent: true,
    });
    const form = hiddenInputs(await (await fetch(manage)).text());
    const res = await postForm(`${pub.app.url}/register/${d.id}/manage/cancel`, form);
    assert.equal(res.status, 303);
    const after = await (await fetch(`${pub.app.url}${res.headers.get("location")}`)).text();
    assert.match(after, /Ilmoittautumisesi peruttiin/);
    assert.doesNotMatch(after, /manage\/cancel/);
    const [row] = await people(pub, d.id);
    assert.equal(row!.status, "cancelled");
    const counter = (await rowsOf(pub.app.app.store, "Registrations", d.id)).find(
      (r) => r.rowKey === "~counts",
    )!;
    assert.equal(counter.confirmed, 0);
    await waitForMail(pub.outbox, "cecilia@example.org", (m) => /peruttu/.test(m.subject));
    // The address may register again after cancelling.
    await registerConfirmed(pub, d.id, { name: "Cecilia Peru", email: "cecilia@example.org", consent: true });
    assert.equal((await people(pub, d.id)).filter((r) => r.status === "confirmed").length, 1);
  });

  it("manage → delete my data removes the registration, the address and its index; the link then finds nothing", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { capacity: 5, audience: "public" });
    const manage = await registerConfirmed(pub, d.id, {
      name: "Daniel Poista",
      email: "daniel@example.org",
      consent: true,
    });
    const form = hiddenInputs(await (await fetch(manage)).text());
    const res = await postForm(`${pub.app.url}/register/${d.id}/manage/delete`, form);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Tietosi on poistettu/);
    assert.deepEqual(await people(pub, d.id), []);
    assert.deepEqual(await personalRows(pub, d.id), []);
    const gone = await fetch(manage);
    assert.equal(gone.status, 404);
    assert.match(await gone.text(), /Ilmoittautumista ei löytynyt/);
  });

  it("an unconfirmed registration expires after 30 minutes (job): rows gone, the link says register again", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { capacity: 5, audience: "public" });
    await submitRegistration(pub.app.url, d.id, { name: "Emma Myöhässä", email: "emma@example.org" });
    const request = await waitForMail(pub.outbox, "emma@example.org", (m) => /Vahvista/.test(m.subject));
    assert.equal((await personalRows(pub, d.id)).length, 2, "pending + address claim");
    clock = new Date(clock.getTime() + 31 * 60_000);
    const until = Date.now() + 10_000;
    while ((await personalRows(pub, d.id)).length > 0 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await personalRows(pub, d.id), []);
    const page = await fetch(linkIn(request, `/register/${d.id}/confirm`));
    assert.equal(page.status, 410);
    assert.match(await page.text(), /vanhentunut/);
    assert.deepEqual(await people(pub, d.id), []);
  });

  it("deleting the dialogue erases the external registrants' rows too", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { capacity: 5, audience: "public" });
    await registerConfirmed(pub, d.id, { name: "Frans Poisto", email: "frans@example.org", consent: true });
    assert.ok((await rowsOf(pub.app.app.store, "PublicRegistrants", d.id)).length > 0);
    await bot.say(organiser, "help");
    const [reply] = await bot.say(organiser, `poista dialogi ${d.id} vahvista`);
    assert.match(String(reply!.text), /poistettiin/);
    assert.deepEqual(await rowsOf(pub.app.app.store, "PublicRegistrants", d.id), []);
    assert.deepEqual(await rowsOf(pub.app.app.store, "Registrations", d.id), []);
  });

  it("logs carry no e-mail addresses or names of external registrants", () => {
    const joined = logLines.join("\n");
    assert.ok(
      logLines.some((l) => /public registration mail sent/.test(l)),
      "mail sends are logged (ids)",
    );
    for (const secret of ["example.org", "Ville", "Cecilia", "Daniel", "Emma", "Frans"])
      assert.ok(!joined.includes(secret), `log mentions ${secret}`);
  });

  it("only dialogues open to the public have a page; others and malformed ids get the same 404", async () => {
    const tenantOnly = await arrangeDialogue(pub.app.app.store, { audience: "tenant" });
    for (const id of [tenantOnly.id, "d-zzzzzzzz", "not-an-id"]) {
      const res = await fetch(`${pub.app.url}/register/${id}`);
      assert.equal(res.status, 404, id);
      assert.match(await res.text(), /Dialogia ei löytynyt/);
    }
  });
});
