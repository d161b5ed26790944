import assert from "node:assert/strict";
import { arrangeDialogue, rowsOf } from "../../testing/arrange";
import { createGroupRepository } from "../../src/features/rounds/store/group-repository";
import {
  confirmationRequest,
  confirmByLink,
  hiddenInputs,
  linkIn,
  mailsTo,
  postForm,
  type PublicApp,
  registerConfirmed,
  submitRegistration,
  useOneClientPublicApp,
  waitForMail,
} from "./helpers";
import { RESEND_AFTER_MS } from "../../src/features/public-registration/service/deps";

/** #26.5 (seats and answers) and #27.12/15/16 (what the page says), over HTTP against the real app. */
describe("public registration: answers kept, links that expire, older links, ended dialogues, the page's texts", function () {
  this.timeout(60_000);
  // Every POST here comes from one address: the per-client bucket is not what these tests are about.
  const app = useOneClientPublicApp();
  let pub: PublicApp;
  before(() => ({ pub } = app));

  const registrations = async (dialogueId: string) =>
    (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).filter((r) => r.rowKey !== "~counts");
  const confirmMail = (email: string, skip = 0) => confirmationRequest(pub.outbox, email, skip);

  it("a second submit for a pending address does not replace the first answers and consent; the confirm page shows them", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    const email = "jaettu@example.org";
    await submitRegistration(pub.app.url, d.id, {
      name: "Eeva Ensimmäinen",
      email,
      organisation: "Eka ry",
      consent: true,
    });
    await confirmMail(email);
    // Past the resend pause (a repeat within it mails nothing: stable-mail-keys.spec.ts).
    app.clock = new Date(app.clock.getTime() + RESEND_AFTER_MS + 1000);
    const second = await submitRegistration(pub.app.url, d.id, {
      name: "Toni Toinen",
      email,
      organisation: "Toka Oy",
    });
    assert.equal(second.status, 200, "the same answer page as always");
    const resent = await confirmMail(email, 1);
    const link = linkIn(resent, `/register/${d.id}/confirm`);
    const page = await (await fetch(link)).text();
    assert.match(page, /Eeva Ensimmäinen/);
    assert.match(page, /Eka ry/);
    assert.doesNotMatch(page, /Toni Toinen/);
    assert.match(page, /Järjestäjät saavat nähdä nimesi/);
    await confirmByLink(link);
    const [row] = await registrations(d.id);
    assert.equal(row!.name, "Eeva Ensimmäinen");
    assert.equal(row!.organisation, "Eka ry");
  });

  it("a used confirm link leads to the manage page only until it expires", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    await submitRegistration(pub.app.url, d.id, { name: "Ulla Uudelleen", email: "ulla@example.org" });
    const link = linkIn(await confirmMail("ulla@example.org"), `/register/${d.id}/confirm`);
    await confirmByLink(link);
    const again = await fetch(link, { redirect: "manual" });
    assert.equal(again.status, 303, "a reload right after confirming");
    assert.match(again.headers.get("location") ?? "", /\/manage\?/);
    app.clock = new Date(app.clock.getTime() + 31 * 60_000);
    const late = await fetch(link, { redirect: "manual" });
    assert.equal(late.status, 410);
    assert.doesNotMatch(await late.text(), /manage\?/);
  });

  it("a manage link of an older, cancelled registration cannot touch the current one of the same address", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    const email = "palaava@example.org";
    const oldManage = await registerConfirmed(pub, d.id, { name: "Paula Palaava", email });
    const oldForm = hiddenInputs(await (await fetch(oldManage)).text());
    assert.equal((await postForm(`${pub.app.url}/register/${d.id}/manage/cancel`, oldForm)).status, 303);
    const newManage = await registerConfirmed(pub, d.id, { name: "Paula Palaava", email });
    // The old link's "delete my data" erases the old registration only.
    const res = await postForm(`${pub.app.url}/register/${d.id}/manage/delete`, oldForm);
    assert.equal(res.status, 200);
    assert.match(await (await fetch(newManage)).text(), /Sinulla on paikka/);
    const active = (await registrations(d.id)).filter((r) => r.status === "confirmed");
    assert.equal(active.length, 1);
    const index = (await rowsOf(pub.app.app.store, "PublicRegistrants", d.id)).filter((r) =>
      String(r.rowKey).startsWith("e-"),
    );
    assert.equal(index.length, 1, "the address still points at the current registration");
    // So a new submit is "already registered", not a second registration.
    const skip = (await mailsTo(pub.outbox, email)).length;
    await submitRegistration(pub.app.url, d.id, { name: "Paula Palaava", email });
    await waitForMail(pub.outbox, email, (m) => /Olet jo ilmoittautunut/.test(m.subject), { skip });
  });

  it("delete my data also removes the person's name from the dialogue's group rows", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public" });
    const email = "ryhma@example.org";
    const manage = await registerConfirmed(pub, d.id, {
      name: "Rauni Ryhmä",
      email,
      organisation: "Ryhmä ry",
      consent: true,
    });
    const userId = new URL(manage).searchParams.get("u")!;
    const member = (id: string, name: string, organisation: string) => ({
      userId: id,
      name,
      language: "fi" as const,
      uiLang: "fi" as const,
      organisation,
      background: "",
    });
    await createGroupRepository(pub.app.app.store.table("Groups")).replaceRounds(
      d.id,
      [1],
      [
        {
          round: 1,
          group: 1,
          members: [member(userId, "Rauni Ryhmä", "Ryhmä ry"), member("aad-x", "Kalle Muu", "Muu")],
        },
      ],
    );
    const groups = async () => JSON.stringify(await rowsOf(pub.app.app.store, "Groups", d.id));
    assert.match(await groups(), /Rauni Ryhmä/);
    const res = await postForm(
      `${pub.app.url}/register/${d.id}/manage/delete`,
      hiddenInputs(await (await fetch(manage)).text()),
    );
    assert.equal(res.status, 200);
    const after = await groups();
    assert.doesNotMatch(after, /Rauni/);
    assert.doesNotMatch(after, /Ryhmä ry/);
    assert.match(after, /Kalle Muu/, "the others stay");
    assert.match(after, new RegExp(userId), "the membership stays (group sizes do not change)");
  });

  it("after the dialogue has ended the page says so, has no form, and a submit sends nothing", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public", endedAt: new Date() });
    const page = await fetch(`${pub.app.url}/register/${d.id}`);
    assert.equal(page.status, 410);
    const text = await page.text();
    assert.match(text, /Tämä dialogi on päättynyt/);
    assert.doesNotMatch(text, /<form/);
    const hidden = { lang: "fi", ft: "1.x" };
    const res = await postForm(`${pub.app.url}/register/${d.id}`, {
      ...hidden,
      name: "Myöhäinen",
      email: "myohainen@example.org",
    });
    assert.equal(res.status, 410);
    assert.deepEqual(await mailsTo(pub.outbox, "myohainen@example.org"), []);
  });

  it("the privacy notice names the controller organisation, the organiser and a contact, in fi, sv and en", async () => {
    const d = await arrangeDialogue(pub.app.app.store, {
      audience: "public",
      organisers: "Valtiovarainministeriö",
    });
    const page = async (lang: string) =>
      (await (await fetch(`${pub.app.url}/register/${d.id}?lang=${lang}`)).text()).replace(/\s+/g, " ");
    const fi = await page("fi");
    assert.match(
      fi,
      /Rekisterinpitäjä: Valtiovarainministeriö, dialogin järjestäjä\(t\)\. Yhteyshenkilö: Olli Organiser\. Tietosuoja-asiat: \S+@\S+\./,
    );
    assert.match(fi, /<dt>Järjestäjä<\/dt> <dd>Olli Organiser<\/dd>/);
    assert.match(
      await page("sv"),
      /Personuppgiftsansvarig: Valtiovarainministeriö.*Kontaktperson: Olli Organiser/,
    );
    assert.match(await page("en"), /Controller: Valtiovarainministeriö.*Contact person: Olli Organiser/);
  });

  it("manage texts: 'peruu', no 'your seat passes on' for the waitlisted, and no repeated message after cancelling", async () => {
    const d = await arrangeDialogue(pub.app.app.store, { audience: "public", capacity: 1 });
    await registerConfirmed(pub, d.id, { name: "Saara Paikka", email: "saara@example.org" });
    const manage = await registerConfirmed(pub, d.id, { name: "Jonna Jono", email: "jonna@example.org" });
    const waiting = await (await fetch(manage)).text();
    assert.match(waiting, /Olet jonossa/);
    assert.doesNotMatch(waiting, /Paikkasi siirtyy/);
    assert.match(waiting, /Paikkasi jonossa vapautuu/);
    assert.match(waiting, /ja peruu ilmoittautumisen/);
    assert.doesNotMatch(waiting, /perii/);
    const res = await postForm(`${pub.app.url}/register/${d.id}/manage/cancel`, hiddenInputs(waiting));
    const after = await (await fetch(`${pub.app.url}${res.headers.get("location")}`)).text();
    assert.equal(after.match(/peruttu|peruttiin/g)?.length, 1, "said once");
  });
});
