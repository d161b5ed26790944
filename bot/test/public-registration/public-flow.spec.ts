import assert from "node:assert/strict";
import { splitLikeExcel } from "../../testing/excel-csv";
import { cardOf, driver, executeAction, textOf, valid, type Actor } from "../dialogues/conversation-helpers";
import { rowsOf } from "../../testing/arrange";
import { REMINDER_KINDS, reminderJobId } from "../../src/features/dialogues/domain/reminders";
import { INDEX_PARTITION } from "../../src/platform/jobs/job-table";
import {
  confirmByLink,
  linkIn,
  mailsTo,
  startPublicApp,
  submitRegistration,
  waitForMail,
  type PublicApp,
} from "./helpers";

const organiser: Actor = { userId: "aad-public-organiser", userName: "Olli Järjestäjä", locale: "fi-FI" };
const colleague: Actor = { userId: "aad-public-colleague", userName: "Kaisa Kollega", locale: "fi-FI" };
const ROOM = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_public%40thread.v2/0";
const anna = {
  name: "Anna Ulkopuolinen",
  email: "Anna.U@Example.org",
  organisation: "Kansalaisjärjestö ry",
  background: "ngo",
  consent: true,
};

/**
 * One story through the real app: the organiser opens a dialogue to everyone, an external
 * person registers on the public page, confirms by the e-mailed link, is counted on the
 * organiser's card, is placed in a breakout group and gets the group's room link by e-mail.
 */
describe("public registration: end to end (page → e-mail → seat → group e-mail)", function () {
  this.timeout(60_000);
  let pub: PublicApp;
  let bot: ReturnType<typeof driver>;
  let clock = new Date("2030-03-01T08:00:00Z");
  let dialogueId = "";
  let manageUrl = "";

  before(async () => {
    pub = await startPublicApp({ env: { JOB_POLL_MS: "50" }, overrides: { now: () => clock } });
    bot = driver(pub.app, pub.connector);
    for (const a of [organiser, colleague]) await bot.say(a, "help");
  });
  after(() => pub.close());

  it("the new-dialogue form offers the audience; a public dialogue's cards link the public page", async () => {
    const [form] = await bot.say(organiser, "uusi dialogi");
    const card = valid(cardOf(form));
    const audience = JSON.stringify(card);
    assert.match(audience, /Myös ulkopuoliset/);
    const create = executeAction(card, "dialogue.create")!;
    const created = await bot.execute(organiser, "dialogue.create", {
      ...create.data,
      title: "Luottamus hallintoon",
      description: "Miten luottamus syntyy?",
      themes: "Milloin olet luottanut viranomaiseen?",
      date: "2030-03-25",
      startTime: "09:00",
      endTime: "11:00",
      mode: "remote",
      meetingUrl: ROOM,
      address: "",
      capacity: "20",
      deadlineDate: "2030-03-18",
      deadlineTime: "16:00",
      languages: "fi,sv",
      organisers: "Valtiovarainministeriö",
      groundRules: "current4",
      audience: "public",
      agenda: "09:00 Tervetuloa\n09:30 * Dialogi pienryhmissä\n10:30 Yhteinen keskustelu\n11:00 Loppu",
    });
    const organiserCard = valid(created.card, created);
    dialogueId = String(executeAction(organiserCard, "dialogue.edit")!.data.dialogueId);
    assert.match(JSON.stringify(organiserCard), new RegExp(`/register/${dialogueId}`));
    assert.match(textOf(organiserCard), /Myös ulkopuoliset/);
    // The page sends at a low rate until an organiser confirmed their address: the card offers it.
    assert.ok(executeAction(organiserCard, "publicRegistration.organiserAddress"));
    assert.match(JSON.stringify(organiserCard), /Vahvista sähköpostiosoitteeni/);
  });

  it("an external person registers: same answer page, a confirmation mail, no seat yet", async () => {
    const res = await submitRegistration(pub.app.url, dialogueId, anna);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Tarkista sähköpostisi/);
    const [mail] = await mailsTo(pub.outbox, "anna.u@example.org");
    assert.ok(mail, "confirmation mail in the outbox (address normalised)");
    assert.match(mail.subject, /Vahvista ilmoittautumisesi: Luottamus hallintoon/);
    const counter = (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).find(
      (r) => r.rowKey === "~counts",
    );
    assert.equal(counter, undefined, "an unconfirmed registration holds no seat");
    // The address is never a key: only its HMAC is.
    const keys = (await rowsOf(pub.app.app.store, "PublicRegistrants", dialogueId)).map((r) =>
      String(r.rowKey),
    );
    assert.ok(
      keys.every((k) => !/example\.org/i.test(k)),
      keys.join(","),
    );
  });

  it("the confirm link takes the seat; the confirmation mail carries the manage link and the .ics", async () => {
    const [request] = await mailsTo(pub.outbox, "anna.u@example.org");
    manageUrl = await confirmByLink(linkIn(request!, `/register/${dialogueId}/confirm`));
    const page = await fetch(manageUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Sinulla on paikka/);
    const rows = (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).filter(
      (r) => r.rowKey !== "~counts",
    );
    assert.equal(rows.length, 1);
    assert.match(String(rows[0]!.rowKey), /^ext-[a-z2-7]{26}$/);
    assert.equal(rows[0]!.status, "confirmed");
    const confirmed = await waitForMail(pub.outbox, "anna.u@example.org", (m) =>
      /vahvistettu/.test(m.subject),
    );
    assert.match(confirmed.text, /\/manage\?u=ext-/);
    assert.equal(confirmed.attachments?.[0]?.contentType, "text/calendar");
    assert.match(
      Buffer.from(confirmed.attachments![0]!.contentBytes, "base64").toString(),
      /BEGIN:VCALENDAR/,
    );
  });

  it("the organiser's card counts the external registrant (with consent, by name)", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const text = textOf(valid(manage.card, manage));
    assert.match(text, /1 \/ 20/);
    assert.match(text, /Joista ulkopuolisia\n1/);
    assert.match(text, /Anna Ulkopuolinen/);
  });

  it("registering the same address again answers the same, takes no second seat, mails its owner", async () => {
    const before = (await mailsTo(pub.outbox, "anna.u@example.org")).length;
    const res = await submitRegistration(pub.app.url, dialogueId, { ...anna, email: " anna.u@EXAMPLE.org " });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Tarkista sähköpostisi/);
    const mails = await mailsTo(pub.outbox, "anna.u@example.org");
    assert.equal(mails.length, before + 1);
    assert.match(mails.at(-1)!.subject, /Olet jo ilmoittautunut/);
    const counter = (await rowsOf(pub.app.app.store, "Registrations", dialogueId)).find(
      (r) => r.rowKey === "~counts",
    )!;
    assert.equal(counter.confirmed, 1);
  });

  it("the day-before reminder run three times at once (a lapsed lease, a retry) mails her once", async () => {
    const mailRows = async () => {
      const rows: Record<string, unknown>[] = [];
      const filter = "label eq 'mail'";
      for await (const e of pub.app.app.store.table("Outbox").listEntities({ queryOptions: { filter } }))
        rows.push(e);
      return rows;
    };
    const before = (await mailRows()).length;
    const due = new Date("2030-03-24T07:00:00Z"); // 24 h before 09:00 Helsinki
    const extra = [`${dialogueId}-again-1`, `${dialogueId}-again-2`];
    for (const id of extra)
      await pub.app.app.jobQueue.schedule({
        id,
        kind: REMINDER_KINDS.day,
        dueAt: due,
        payload: { dialogueId },
      });
    clock = new Date(due.getTime() + 10_000);
    const jobLeft = async (id: string) =>
      pub.app.app.store
        .table("Jobs")
        .getEntity(INDEX_PARTITION, id)
        .then(
          () => true,
          () => false,
        );
    const ids = [reminderJobId(dialogueId, REMINDER_KINDS.day), ...extra];
    const deadline = Date.now() + 30_000;
    while ((await Promise.all(ids.map(jobLeft))).some(Boolean)) {
      assert.ok(Date.now() < deadline, "the three reminder runs finished");
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForMail(pub.outbox, "anna.u@example.org", (m) => /Muistutus/.test(m.subject));
    // Every run has returned, so every mail it decided is recorded: one new row, under the decision's key.
    const rows = await mailRows();
    assert.equal(rows.length - before, 1, JSON.stringify(rows.map((r) => r.decisionKey)));
    assert.ok(rows.some((r) => String(r.decisionKey).startsWith(`mail|${dialogueId}|reminder24h|`)));
    const mails = (await mailsTo(pub.outbox, "anna.u@example.org")).filter((m) =>
      /Muistutus/.test(m.subject),
    );
    assert.equal(mails.length, 1);
    clock = new Date("2030-03-01T08:00:00Z"); // back before the deadline: the next steps register
  });

  it("after groups are formed and the round starts, the external member gets the group and room link by e-mail", async () => {
    const reg = await bot.execute(colleague, "registration.submit", {
      dialogueId,
      language: "fi",
      acceptRules: "true",
    });
    valid(reg.card, reg);
    clock = new Date("2030-03-25T07:25:00Z");
    await bot.say(organiser, `ohjaa ${dialogueId}`);
    const started = await bot.execute(organiser, "round.startDialogue", { dialogueId });
    valid(started.card, started);
    const formed = await bot.execute(organiser, "round.form", { dialogueId, round: 1 });
    valid(formed.card, formed);
    const round = await bot.execute(organiser, "round.start", { dialogueId, round: 1 });
    assert.ok(round.card || round.message, JSON.stringify(round));
    const group = await waitForMail(pub.outbox, "anna.u@example.org", (m) => /Ryhmäsi/.test(m.subject));
    assert.match(group.text, /Kierros 1, ryhmä 1/);
    assert.ok(group.text.includes(ROOM), "the room's join link");
    assert.match(group.text, /Kaisa/);
  });

  it("the organiser's CSV lists the consenting external registrant with her e-mail", async () => {
    const manage = await bot.execute(organiser, "dialogue.manage", { dialogueId });
    const url = JSON.stringify(manage.card).match(/"(http[^"]+registrants\.csv[^"]+)"/)![1]!;
    const rows = splitLikeExcel(await (await fetch(url)).text(), ";");
    const anna = rows.find((r) => r[0] === "Anna Ulkopuolinen")!;
    assert.deepEqual([anna[1], anna[8], anna[9]], ["Ilmoittautunut", "kyllä", "anna.u@example.org"]);
    // The ground-rules text she accepted on the (Finnish) public page is recorded.
    assert.match(anna[11]!, /^Erätauon pelisäännöt \(nykyiset, 4 sääntöä\) \(suomi, [0-9a-f]{8}\)$/);
  });
});
